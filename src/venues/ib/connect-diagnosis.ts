import type { IbConnectError } from './ib-errors.js';

/** What a trader should check for each way a connection fails: the text `optbot gateway check` prints. */
export function diagnoseConnectFailure(e: IbConnectError, host: string, port: number, timeoutSeconds: number): string {
  switch (e.kind) {
    case 'refused':
      return (
        `nothing accepts connections on ${host}:${port} (connection refused). Is IB Gateway running and logged in? ` +
        'Its API port is 4002 for paper and 4001 for live (TWS: 7497 / 7496): see Configure → Settings → API → Settings → "Socket port", ' +
        'and tick "Enable ActiveX and Socket Clients".'
      );
    case 'unreachable':
      return `cannot reach ${host} (${e.message}). Check broker.host, the network and any firewall between this machine and the Gateway.`;
    case 'timeout':
      return (
        `${host}:${port} accepted the connection but the API handshake got no answer within ${timeoutSeconds} s. ` +
        'The Gateway may be waiting for someone to accept the incoming API connection (a dialog on its screen), ' +
        'or the port belongs to another program.'
      );
    case 'closed':
      return (
        `${host}:${port} closed the connection during the API handshake: the Gateway does not trust this client. ` +
        'In Configure → Settings → API → Settings add this machine\'s IP to "Trusted IPs", ' +
        'or untick "Allow connections from localhost only" when connecting from another machine.'
      );
    case 'client-id-in-use':
      return `${e.message}. Close that application, pass --client-id N with a free id, or extend broker.client_id_fallbacks.`;
    case 'version':
      return `${e.message}. Update IB Gateway: optbot needs API server version 100–193.`;
  }
}
