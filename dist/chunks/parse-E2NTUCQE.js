#!/usr/bin/env node
import { createRequire as __isolintRequire } from 'node:module'; const require = __isolintRequire(import.meta.url);
import{composeTextSchemaProblems,parseCompose}from"./chunk-AAPWQ7LR.js";import"./chunk-3ZIESPNA.js";import"./chunk-A3OMWMEE.js";import"./chunk-N6GLCDQ6.js";import"./chunk-GNFAD5WK.js";import"./chunk-DK4BLHCS.js";export{composeTextSchemaProblems,parseCompose};
