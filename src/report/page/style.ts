import { COLORS } from '../specs/theme.js';

/** The report's stylesheet: readable on screen and when printed, no web fonts (the file works offline). */
export const PAGE_STYLE = `
*{box-sizing:border-box}
body{margin:0;background:#f4f6f9;color:#1a202c;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:1180px;margin:0 auto;padding:20px 24px 60px}
h1.page{margin:0 0 14px;font-size:21px;font-weight:650}
header.run{background:#fff;border-radius:10px;padding:18px 22px;box-shadow:0 1px 3px rgba(0,0,0,.08);margin-bottom:16px}
header.run h1{margin:0 0 10px;font-size:21px;font-weight:650;display:flex;gap:10px;align-items:center;flex-wrap:wrap}
.badge{display:inline-block;border-radius:999px;padding:2px 10px;font-size:12px;font-weight:600;letter-spacing:.02em;background:#e2e8f0;color:#2d3748}
.badge.live{background:${COLORS.loss};color:#fff}
.badge.live-dry-run{background:#ed8936;color:#fff}
.badge.simulation{background:#805ad5;color:#fff}
.badge.backtest{background:${COLORS.equity};color:#fff}
.synthetic{background:#fff5f5;border:3px solid ${COLORS.loss};color:#9b2c2c;border-radius:8px;padding:10px 14px;margin:0 0 12px;font-weight:700;font-size:16px}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:3px 18px;margin:0}
dl.facts dt{color:#718096}
dl.facts dd{margin:0;word-break:break-word}
details{margin-top:10px}
summary{cursor:pointer;color:${COLORS.equity};font-weight:600}
pre{background:#f7fafc;border:1px solid #e2e8f0;border-radius:6px;padding:10px;overflow:auto;max-height:420px;font-size:12px}
section{background:#fff;border-radius:10px;padding:16px 20px;box-shadow:0 1px 3px rgba(0,0,0,.08);margin-bottom:16px;overflow-x:auto}
section h2{margin:0 0 10px;font-size:16px;font-weight:650}
section h3{margin:14px 0 6px;font-size:14px;font-weight:600;color:#2d3748}
p.legend{margin:0 0 4px;font-size:12.5px;color:#4a5568}
.hold{color:${COLORS.hold}}
p.note{margin:-4px 0 10px;color:#718096;font-size:12.5px}
.stats{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:8px}
.stat{border:1px solid #edf2f7;border-radius:8px;padding:8px 10px}
.stat .k{color:#718096;font-size:12px}
.stat .v{font-size:17px;font-weight:600;font-variant-numeric:tabular-nums}
.pos{color:${COLORS.win}}
.neg{color:${COLORS.loss}}
table{border-collapse:collapse;width:100%;font-size:12.5px;font-variant-numeric:tabular-nums}
th,td{padding:4px 7px;border-bottom:1px solid #edf2f7;text-align:left;white-space:nowrap}
td.wrap{white-space:normal;min-width:260px}
th{background:#f7fafc;position:sticky;top:0;font-weight:600;color:#4a5568;z-index:1}
th.num,td.num{text-align:right}
table.sortable th{cursor:pointer;user-select:none}
table.sortable th[aria-sort=ascending]::after{content:" ▲";font-size:10px}
table.sortable th[aria-sort=descending]::after{content:" ▼";font-size:10px}
tr[data-intent]{cursor:pointer}
tbody tr:hover{background:#f7fafc}
tbody tr.focused{background:#ebf8ff}
.scroll{max-height:460px;overflow:auto;border:1px solid #edf2f7;border-radius:6px}
.chart{margin:4px 0}
.two{display:grid;grid-template-columns:1fr;gap:8px}
.side{display:grid;grid-template-columns:1fr 1fr;gap:16px}
.diverge{border-left:4px solid #ed8936;padding:6px 12px;background:#fffaf0;border-radius:4px}
footer{color:#a0aec0;font-size:12px;text-align:center}
`;
