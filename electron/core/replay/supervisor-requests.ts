/**
 * The station requests only a supervisor may make (replay, exports, imports, key enrolment):
 * the replay service serves them, the station gates them (station/supervisor.ts).
 */
export type SupervisorRequest =
  | 'listDeployments'
  | 'listArchiveDeployments'
  | 'openReplay'
  | 'supervisorReview'
  | 'exportReplay'
  | 'importBundle'
  | 'enrolStationKey';
