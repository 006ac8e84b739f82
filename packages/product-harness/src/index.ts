// The whole product on loopback for tests of parts that reach it over HTTP only (the widget).
export {
  type ProductProcesses,
  type RunningHostProcess,
  type ServiceName,
  startProductProcesses,
} from './start-product-processes.ts';
