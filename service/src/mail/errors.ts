/** Why a draft file could not be read. Messages name the problem, never the file's content. */
const messages = {
  file_not_found: 'file not found',
  file_permission_denied: 'permission denied',
  file_unreadable: 'the file could not be read',
  file_too_large: 'the file is larger than the 50 MB limit',
  not_a_file: 'not a regular file',
  file_type_unsupported: 'unsupported file type (expected .txt or .eml)',
  eml_not_a_message: 'not an email message: the header block is missing or has a line that is not a "Name: value" header',
  eml_unparsable: 'the email message could not be parsed',
  eml_html_unconvertible: 'the HTML body could not be converted to text',
} as const;

export type DraftReadErrorCode = keyof typeof messages;

export class DraftReadError extends Error {
  override readonly name = 'DraftReadError';

  constructor(
    readonly code: DraftReadErrorCode,
    options?: ErrorOptions,
  ) {
    super(messages[code], options);
  }
}
