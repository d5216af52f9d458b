import { defineLabelledIdRecognizer } from '../labelled.js';

export const device = defineLabelledIdRecognizer({
  id: 'DEVICE_SERIAL',
  kind: 'DEVICE',
  labels: ['serial', 'serial number', 'device serial', 'SN', 'S/N', 'device id', 'UDI', 'model/serial', 'implant id', 'pump id', 'meter id'],
  priority: 22,
  why: 'number labelled as a medical device serial or id',
});
