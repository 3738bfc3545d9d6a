/** Where the live loop keeps its state files (heartbeat, daily risk state), relative to the working directory. */
export const DEFAULT_STATE_DIR = 'data/state';
