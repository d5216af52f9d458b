import { createMessage, encrypt, readKey } from 'openpgp';

/**
 * The text as one armored OpenPGP message that the holder of each key's private key can decrypt.
 * With `hideRecipients` the key ids are left out (wildcard), so Bcc recipients stay hidden from the others.
 */
export async function encryptText(text: string, armoredKeys: readonly string[], options: { hideRecipients?: boolean } = {}): Promise<string> {
  const encryptionKeys = await Promise.all(armoredKeys.map((armoredKey) => readKey({ armoredKey })));
  return encrypt({ message: await createMessage({ text }), encryptionKeys, format: 'armored', wildcard: options.hideRecipients === true });
}
