#!/usr/bin/env node
import { createRequire as __isolintRequire } from 'node:module'; const require = __isolintRequire(import.meta.url);
import{RULES_DOC_URI,encodeUriPath,fence}from"./chunk-G4DJTIH6.js";import{cmp}from"./chunk-FDKCSTCN.js";var GITHUB_SUMMARY_LIMIT=1024*1024,MARKDOWN_MAX_BYTES=GITHUB_SUMMARY_LIMIT-16*1024,SEVERITY_LABEL={error:"\u{1F534} error",warning:"\u{1F7E0} warning",info:"\u{1F535} info"},bytes=s=>Buffer.byteLength(s,"utf8"),plural=(n,one,many=`${one}s`)=>`${n} ${n===1?one:many}`;function escapeInline(text){return text.split(/(`[^`\n]*`)/).map((part,i)=>i%2===1?part:part.replace(/\\/g,"\\\\").replace(/&/g,"&amp;").replace(/</g,"&lt;").replace(/>/g,"&gt;").replace(/([*_[\]~])/g,"\\$1")).join("")}function cell(text){return escapeInline(text.replace(/\r\n?/g,`
`)).replace(/\|/g,"\\|").replace(/\n/g,"<br>")}function location(f){let text=`${f.file}:${f.line}`;return f.file.startsWith("<")?cell(text):`[${cell(text)}](${encodeUriPath(f.file)}#L${f.line})`}function row(f){let rule=`[\`${f.ruleId}\`](${RULES_DOC_URI}#${f.ruleId})`;return`| ${SEVERITY_LABEL[f.severity]} | ${rule} | ${location(f)} | ${cell(f.message)} |
`}function moreRow(n){return`| \u2026 | | | \u2026 and ${plural(n,"more finding")} (left out to keep this report under GitHub's 1 MiB summary limit; the SARIF and JSON reports have them all) |
`}function renderMarkdown(result,maxBytes=MARKDOWN_MAX_BYTES){let shown=result.findings.filter(f=>!f.suppressed),s=result.summary,total=s.errors+s.warnings+s.infos,files=plural(s.files,"file"),head=`## isolint

`;if(total===0)head+=`\u2705 No problems in ${files}.

`;else{head+=`**${plural(total,"problem")}** in ${files}: ${plural(s.errors,"error")}, ${plural(s.warnings,"warning")}, ${plural(s.infos,"info")}.

`,head+=`| Severity | Findings |
| --- | ---: |
`,head+=`| ${SEVERITY_LABEL.error} | ${s.errors} |
| ${SEVERITY_LABEL.warning} | ${s.warnings} |
| ${SEVERITY_LABEL.info} | ${s.infos} |

`;let byPrinciple=new Map;for(let f of shown){let c=byPrinciple.get(f.principle);c||byPrinciple.set(f.principle,c={error:0,warning:0,info:0}),c[f.severity]++}head+=`### By principle

| Principle | Errors | Warnings | Infos |
| --- | ---: | ---: | ---: |
`;for(let p of[...byPrinciple.keys()].sort(cmp)){let c=byPrinciple.get(p);head+=`| ${cell(p)} | ${c.error} | ${c.warning} | ${c.info} |
`}head+=`
### Findings

| Severity | Rule | Location | Message |
| --- | --- | --- | --- |
`}let note="";s.suppressed>0&&(note=`
_${plural(s.suppressed,"finding")} suppressed by \`isolint-ignore\` comments ${s.suppressed===1?"is":"are"} not shown._
`);let map="";result.isolationMap&&result.isolationMap.trim()&&(map=`
### Isolation map

${fence(result.isolationMap,"mermaid")}
`,bytes(head)+bytes(note)+bytes(map)>maxBytes&&(map=`
### Isolation map

_Left out: too large for a job summary._
`));let footer=note+map,rows=shown.map(row),fixed=bytes(head)+bytes(footer),all=rows.reduce((n,r)=>n+bytes(r),0),body;if(fixed+all<=maxBytes)body=rows.join("");else{let reserve=bytes(moreRow(rows.length)),used=fixed+reserve,k=0;for(;k<rows.length&&used+bytes(rows[k])<=maxBytes;)used+=bytes(rows[k++]);body=rows.slice(0,k).join("")+moreRow(rows.length-k)}return head+body+footer}var markdownReporter=result=>renderMarkdown(result);export{GITHUB_SUMMARY_LIMIT,MARKDOWN_MAX_BYTES,cell,renderMarkdown,markdownReporter};
