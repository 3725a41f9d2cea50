// The API's addresses for one clinic and one of its clients.

export const clinicPath = (clinicId: string, rest = '') => `/api/v1/clinics/${clinicId}${rest}`

export const clientPath = (clinicId: string, clientId: string, rest = '') =>
  clinicPath(clinicId, `/clients/${clientId}${rest}`)
