export { alertFact, cell, fakeTerritory, InMemoryReportSource, intactChain } from './in-memory-report-source';
export { InMemoryReportJobs } from './in-memory-report-jobs';
