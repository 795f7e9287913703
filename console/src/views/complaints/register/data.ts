import type { ComplaintApi } from '#/api/complaints';

export function emptyRegistration(departmentId: number | null): ComplaintApi.RegisterInput {
  return {
    channel: 'onsite',
    received_at: '',
    first_receiver_department_id: departmentId,
    first_receiver_name: '',
    resolved_on_spot: false,
    complexity: 'investigate',
    on_spot_reply: '',
    on_spot_method: 'in_person',
    complainant_name: '',
    complainant_relation: '',
    complainant_phone: '',
    complainant_id_number: '',
    patient_name: '',
    patient_record_no: '',
    patient_department_id: null,
    target_department_id: null,
    target_staff: '',
    category: '',
    description: '',
    demand: '',
  };
}

/**
 * What is sent: a complaint resolved on the spot has complexity on_the_spot and its reply; one
 * that is not sends no on-the-spot fields (the server refuses the mix, with field errors).
 */
export function registrationBody(form: ComplaintApi.RegisterInput): ComplaintApi.RegisterInput {
  if (form.resolved_on_spot) return { ...form, complexity: 'on_the_spot' };
  return { ...form, on_spot_reply: '', on_spot_method: '' };
}
