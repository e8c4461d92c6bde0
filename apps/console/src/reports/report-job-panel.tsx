import { useEffect, useState } from 'react';
import { api, ApiProblem } from '../api';
import type { MessageKey } from '../i18n/catalog-en';
import { useSession } from '../session';
import type { ReportJob } from './statistics-types';

const POLL_MS = 1000;

// A period report built by the worker (POST /api/v1/reports/period-jobs): started here, its
// progress polled until done, then offered for download (only to the auditor who asked).
export function ReportJobPanel({ from, to }: { from: string; to: string }) {
  const { t } = useSession();
  const [format, setFormat] = useState<ReportJob['format']>('pdf');
  const [job, setJob] = useState<ReportJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const working = job !== null && (job.status === 'queued' || job.status === 'running');
  useEffect(() => {
    if (!job || !working) return;
    const timer = setTimeout(() => {
      api<ReportJob>(job.links.self)
        .then(setJob)
        .catch((e) => setError(e instanceof ApiProblem ? e.message : String(e)));
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job, working]);

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      setJob(await api<ReportJob>('/api/v1/reports/period-jobs', { method: 'POST', body: { from, to, format } }));
    } catch (e) {
      setError(e instanceof ApiProblem ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="report-job" data-testid="report-job">
      <div className="actions">
        <label>
          {t('reports.job.format')}{' '}
          <select value={format} onChange={(e) => setFormat(e.target.value as ReportJob['format'])} data-testid="job-format">
            <option value="pdf">PDF</option>
            <option value="csv">CSV</option>
            <option value="json">JSON</option>
          </select>
        </label>
        <button type="button" onClick={() => void start()} disabled={busy || working}>{t('reports.job.start')}</button>
      </div>
      {error && <p className="error" role="alert">{t('reports.job.error', { message: error })}</p>}
      {job && (
        <div className="job-status" data-testid="job-status" data-status={job.status} aria-live="polite">
          <label className="progress-row">
            <span>{t(`reports.job.status.${job.status}` as MessageKey)}</span>
            <progress max={1} value={job.progress} />
            <span>{Math.round(job.progress * 100)} %</span>
          </label>
          {job.status === 'done' && (
            <a className="button-link" href={job.links.file} download data-testid="job-download">{t('reports.job.download', { format: job.format.toUpperCase() })}</a>
          )}
          {job.status === 'failed' && <p className="error" role="alert">{t('reports.job.failed', { message: job.error ?? '' })}</p>}
        </div>
      )}
    </div>
  );
}
