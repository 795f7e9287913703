// Test data for complaints through the API.
import assert from 'node:assert/strict';

import { show } from './server.mjs';

/**
 * Registers a telephone complaint about 心血管内科 received at `receivedAt` ("YYYY-MM-DD HH:MM")
 * as 需调查核实 (5 working days) and dispatches it to that department, as the 医患办 `office`
 * session. Returns {complaint, dispatched, department}.
 */
export async function registerAndDispatch(api, office, { name, phone, receivedAt, description }) {
  const department = (await api.get('/api/v1/departments', office)).json.items.find((d) => d.code === 'XNK');
  assert.ok(department, 'department XNK');
  const r = await api.post('/api/v1/complaints', office, {
    complainant_name: name, complainant_relation: 'self', complainant_phone: phone,
    patient_name: name, channel: 'phone', received_at: receivedAt,
    complexity: 'investigate', category: 'attitude', target_department_id: department.id,
    description,
  });
  assert.equal(r.status, 201, show(r));
  const d = await api.post(`/api/v1/complaints/${r.json.id}/dispatch`, office, { department_id: department.id });
  assert.equal(d.status, 200, show(d));
  return { complaint: r.json, dispatched: d.json, department };
}
