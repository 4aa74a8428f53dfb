#!/usr/bin/env node
import { createRequire as __isolintRequire } from 'node:module'; const require = __isolintRequire(import.meta.url);
import{GITHUB_SUMMARY_LIMIT,MARKDOWN_MAX_BYTES,cell,markdownReporter,renderMarkdown}from"./chunk-QPNQJZHO.js";import"./chunk-G4DJTIH6.js";import"./chunk-FDKCSTCN.js";import"./chunk-DK4BLHCS.js";export{GITHUB_SUMMARY_LIMIT,MARKDOWN_MAX_BYTES,cell,markdownReporter,renderMarkdown};
