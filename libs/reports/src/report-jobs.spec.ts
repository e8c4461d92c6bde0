import { alertFact, cell, fakeTerritory, InMemoryReportJobs, InMemoryReportSource } from '@faro/reports/testing';
import { BuildPeriodReport } from './period-report';
import { ReadReportJob, RequestPeriodReport, RunPeriodReport } from './report-jobs';

const period = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') };
const asker = { id: 'auditor-1', jurisdictionId: 'IT-R19' };

function world() {
  const source = new InMemoryReportSource();
  source.head = { seq: 5, hash: 'aa'.repeat(32) };
  for (let i = 0; i < 3; i++) {
    const a = alertFact();
    source.alerts.push(a);
    source.cellsOf.set(a.id, [cell('ter', `T-${i}`, '2026-03-01T10:01:05.000Z')]);
  }
  const store = new InMemoryReportJobs();
  let n = 0;
  const request = new RequestPeriodReport(store, () => `00000000-0000-4000-8000-00000000000${++n}`);
  const run = new RunPeriodReport(store, new BuildPeriodReport(source, fakeTerritory));
  return { store, request, run, read: new ReadReportJob(store, fakeTerritory) };
}

describe('period report jobs', () => {
  it('stores the request for the asker’s territory, builds it with progress and keeps the file with its chain head', async () => {
    const { store, request, run, read } = world();
    const job = await request.run(asker, period, 'csv');
    expect([job.status, job.jurisdictionId, job.requestedBy]).toEqual(['queued', 'IT-R19', 'auditor-1']);
    await expect(read.file(job.id, asker)).rejects.toMatchObject({ code: 'report/not-ready', message: `Report ${job.id} is queued` });
    expect(await run.run(job.id)).toBe('done');
    expect(store.progressSeen.length).toBeGreaterThan(0);
    const done = await read.view(job.id, asker);
    expect([done.status, done.progress, done.chainHead]).toEqual(['done', 1, { seq: 5, hash: 'aa'.repeat(32) }]);
    const file = await read.file(job.id, asker);
    expect([file.contentType, file.filename]).toEqual(['text/csv; charset=utf-8', 'faro-period-IT-R19-2026-03-01-2026-04-01.csv']);
    expect(file.content.toString('utf8')).toContain('chain-head-seq,5');
  });

  it('does not build a finished report again', async () => {
    const { request, run } = world();
    const job = await request.run(asker, period, 'json');
    await run.run(job.id);
    expect(await run.run(job.id)).toBe('skipped');
  });

  it('shows a report to nobody but its asker, and not to the asker moved outside its territory', async () => {
    const { request, run, read } = world();
    const job = await request.run(asker, period, 'json');
    await run.run(job.id);
    await expect(read.view(job.id, { id: 'auditor-2', jurisdictionId: 'IT-R19' })).rejects.toMatchObject({ code: 'report/not-found', message: `No report ${job.id}` });
    await expect(read.file(job.id, { id: 'auditor-1', jurisdictionId: 'IT-R18' })).rejects.toMatchObject({ code: 'report/not-found' });
    await expect(read.file(job.id, { id: 'auditor-1', jurisdictionId: 'IT' })).resolves.toMatchObject({ contentType: 'application/json' });
  });

  it('refuses a bad period when asked, not later in the worker', async () => {
    const { request } = world();
    await expect(request.run(asker, { from: period.to, to: period.from }, 'pdf')).rejects.toMatchObject({ code: 'report/invalid-period' });
  });
});
