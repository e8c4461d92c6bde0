export { alertFact, cell, fakeTerritory, InMemoryReportSource, intactChain } from './in-memory-report-source';
