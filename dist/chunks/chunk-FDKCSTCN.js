#!/usr/bin/env node
import { createRequire as __isolintRequire } from 'node:module'; const require = __isolintRequire(import.meta.url);
var SEVERITY_RANK={off:0,info:1,warning:2,error:3};function compareFindings(a,b){return cmp(a.file,b.file)||a.line-b.line||a.column-b.column||cmp(a.ruleId,b.ruleId)||a.endLine-b.endLine||a.endColumn-b.endColumn||cmp(a.message,b.message)}function cmp(a,b){return a<b?-1:a>b?1:0}export{SEVERITY_RANK,compareFindings,cmp};
