/** Who follows a case from outside with a tracking code, and may see its public entries. */
export type Requester = 'complainant' | 'applicant' | 'reporter';
