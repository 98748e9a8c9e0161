/** The directory the workflow tests run with: a three-level on-call ladder and one of each role. */
import type { Directory } from '../../activities/directory.ts';

export const testDirectory: Directory = {
  organisation: { name: 'Example University' },
  dpo: { id: 'dpo', name: 'Dana Data', email: 'dpo@uni.test', phone: '+4930000001' },
  supervisoryAuthority: {
    name: 'Berlin Commissioner for Data Protection',
    contacts: [{ id: 'authority', name: 'Breach desk', email: 'breach@authority.test' }],
  },
  onCall: [
    [{ id: 'oncall-1', name: 'Olga Oncall', email: 'oncall1@uni.test', phone: '+4930000011' }],
    [{ id: 'oncall-2', name: 'Otto Backup', email: 'oncall2@uni.test', phone: '+4930000012' }],
    [{ id: 'ir-lead', name: 'Iris Lead', email: 'irlead@uni.test', phone: '+4930000013' }],
  ],
  stakeholders: [
    { id: 'dpo', name: 'Dana Data', role: 'dpo', email: 'dpo@uni.test' },
    { id: 'legal', name: 'Lee Legal', role: 'legal', email: 'legal@uni.test' },
    { id: 'ciso', name: 'Cy Security', role: 'ciso', email: 'ciso@uni.test' },
    { id: 'registrar', name: 'Rita Registrar', role: 'registrar', email: 'registrar@uni.test' },
    { id: 'comms', name: 'Cam Comms', role: 'communications', email: 'comms@uni.test' },
  ],
  compliance: [{ id: 'compliance', name: 'Cora Compliance', email: 'compliance@uni.test' }],
  legalEscalation: [{ id: 'general-counsel', name: 'Gina Counsel', email: 'gc@uni.test', phone: '+4930000021' }],
  deadlineEscalation: [{ id: 'ciso', name: 'Cy Security', email: 'ciso@uni.test', phone: '+4930000031' }],
};
