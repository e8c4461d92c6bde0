import { describeExit, startService, type ServiceExit, type ServiceOptions, type ServiceProcess } from './child-processes';
import { nextRestartDelay } from './restart-backoff';

export interface SupervisedService {
  name: string;
  isRunning(): boolean;
  // How many times it was restarted after dying.
  restarts(): number;
  signal(signal: NodeJS.Signals): void;
  // Ends supervision, then stops the current process as ServiceProcess.stop does.
  stop(signal: NodeJS.Signals, graceMs: number): Promise<ServiceExit>;
}

// A service that is started again whenever it dies (a crash, kill -9, an OOM kill), with
// nextRestartDelay's backoff, until stop(): one dead worker or API no longer stops the platform.
export function superviseService(opts: ServiceOptions & { log: (msg: string) => void; now?: () => number }): SupervisedService {
  const now = opts.now ?? Date.now;
  let current: ServiceProcess;
  let startedAt = 0;
  let delay: number | null = null;
  let restarts = 0;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;

  const launch = () => {
    startedAt = now();
    current = startService(opts);
    void current.exited.then((exit) => {
      if (stopping) return;
      delay = nextRestartDelay(delay, now() - startedAt);
      opts.log(`${describeExit(exit)} unexpectedly: restarting it in ${delay / 1000} s`);
      timer = setTimeout(() => {
        timer = undefined;
        if (stopping) return;
        restarts += 1;
        launch();
      }, delay);
    });
  };
  launch();

  return {
    name: opts.name,
    isRunning: () => current.isRunning(),
    restarts: () => restarts,
    signal: (signal) => current.signal(signal),
    stop: async (signal, graceMs) => {
      stopping = true;
      if (timer) clearTimeout(timer);
      return current.stop(signal, graceMs);
    },
  };
}
