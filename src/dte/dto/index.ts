export * from './dte-response.mapper';
export * from './match-po.dto';
export * from './suggest-project.dto';
export * from './validate-dte-response.dto';
export * from './validate-dte.dto';
