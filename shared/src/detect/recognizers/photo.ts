import type { Attachment } from '../../draft.js';
import type { Candidate } from '../recognizer.js';

const IMAGE_TYPE = /^image\//i;
const IMAGE_NAME = /\.(?:jpe?g|png|gif|bmp|tiff?|heic|heif|webp)$/i;
// Phone cameras name files IMG_1234 / PXL_… / DSC…; clinical photos are named for what they show.
const PERSON_HINT = /(?:^|[^a-z])(?:img|pxl|dsc|dscn|photo|pic|selfie|face|headshot|portrait|patient|pt|wound|rash|lesion|skin|burn|injury|id|license|licence|insurance|card|badge)(?:[^a-z]|$)/i;

/** Safe Harbor's full-face photographs: an image attachment whose name suggests a person. */
export function recognizePhoto(attachment: Attachment): Candidate | undefined {
  const isImage = IMAGE_TYPE.test(attachment.contentType ?? '') || IMAGE_NAME.test(attachment.name);
  if (!isImage) return undefined;
  const personal = PERSON_HINT.test(attachment.name.replace(/\.[a-z0-9]+$/i, ''));
  return {
    start: 0,
    end: 0,
    kind: 'PHOTO',
    score: personal ? 0.7 : 0.5,
    recognizer: 'PHOTO_ATTACHMENT',
    why: personal ? 'image attachment named like a photo of a person' : 'image attachment that may show a person',
  };
}
