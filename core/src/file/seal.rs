//! Passphrase protection for saved plan files: AES-256-GCM with a key from Argon2id.
//!
//! The core stays pure: the random salt and nonce come from the caller (the
//! browser's `crypto.getRandomValues`). A sealed file is a small JSON
//! envelope; its header (format, version, KDF parameters, salt, nonce) is
//! authenticated as associated data, so changing any parameter is detected
//! exactly like changing the ciphertext. See SECURITY.md for the threat model.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use argon2::{Algorithm, Argon2, Params, Version};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use serde::{Deserialize, Serialize};

use crate::i18n::{tr, trf, Lang};

/// The `format` value of a sealed file.
pub const SEALED_FORMAT: &str = "skyddsnat-sealed";
pub const SALT_LEN: usize = 16;
pub const NONCE_LEN: usize = 12;

/// Argon2id cost parameters. The defaults follow OWASP's minimum for
/// Argon2id (19 MiB, 2 passes, 1 lane): about half a second in a browser.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KdfParams {
    pub m_kib: u32,
    pub t: u32,
    pub p: u32,
}

impl Default for KdfParams {
    fn default() -> Self {
        KdfParams {
            m_kib: 19_456,
            t: 2,
            p: 1,
        }
    }
}

impl KdfParams {
    /// Bounds a reader accepts, so a hostile file cannot make us allocate gigabytes.
    fn acceptable(&self) -> bool {
        (8_192..=262_144).contains(&self.m_kib) && (1..=10).contains(&self.t) && self.p == 1
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    format: String,
    version: u32,
    kdf: String,
    params: KdfParams,
    cipher: String,
    salt: String,
    nonce: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope {
    #[serde(flatten)]
    header: Header,
    ciphertext: String,
}

/// Why a sealed file could not be opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SealError {
    /// Not a sealed file, or a damaged envelope.
    Malformed,
    /// Parameters outside what this version accepts (or from a newer version).
    Unsupported,
    /// Wrong passphrase, or the file was changed after it was sealed.
    /// (AES-GCM cannot tell these apart, by design.)
    WrongPassphraseOrTampered,
    /// The passphrase is empty.
    EmptyPassphrase,
}

impl SealError {
    pub fn message(self, lang: Lang) -> String {
        let key = match self {
            SealError::Malformed => "seal.malformed",
            SealError::Unsupported => "seal.unsupported",
            SealError::WrongPassphraseOrTampered => "seal.wrong",
            SealError::EmptyPassphrase => "seal.empty",
        };
        trf(lang, key, &[("format", SEALED_FORMAT)])
    }
}

impl std::fmt::Display for SealError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for SealError {}

/// Whether `text` looks like a sealed file (cheap check before asking for a passphrase).
pub fn is_sealed(text: &str) -> bool {
    text.len() < 64 * 1024 * 1024
        && serde_json::from_str::<serde_json::Value>(text)
            .ok()
            .and_then(|v| {
                v.get("format")
                    .and_then(|f| f.as_str())
                    .map(|f| f == SEALED_FORMAT)
            })
            .unwrap_or(false)
}

fn derive_key(passphrase: &str, salt: &[u8], params: KdfParams) -> Result<[u8; 32], SealError> {
    let params = Params::new(params.m_kib, params.t, params.p, Some(32))
        .map_err(|_| SealError::Unsupported)?;
    let mut key = [0u8; 32];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), salt, &mut key)
        .map_err(|_| SealError::Unsupported)?;
    Ok(key)
}

/// The authenticated header bytes: the envelope's header serialised canonically.
fn aad(header: &Header) -> Vec<u8> {
    serde_json::to_vec(header).unwrap_or_default()
}

/// Seals `plaintext` (a plan's JSON) with `passphrase`. `salt` and `nonce`
/// must be fresh random bytes for every call.
pub fn seal(
    plaintext: &str,
    passphrase: &str,
    salt: [u8; SALT_LEN],
    nonce: [u8; NONCE_LEN],
    params: KdfParams,
) -> Result<String, SealError> {
    if passphrase.is_empty() {
        return Err(SealError::EmptyPassphrase);
    }
    let header = Header {
        format: SEALED_FORMAT.into(),
        version: 1,
        kdf: "argon2id".into(),
        params,
        cipher: "aes-256-gcm".into(),
        salt: B64.encode(salt),
        nonce: B64.encode(nonce),
    };
    let key = derive_key(passphrase, &salt, params)?;
    let cipher = Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&key));
    let ciphertext = cipher
        .encrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: plaintext.as_bytes(),
                aad: &aad(&header),
            },
        )
        .map_err(|_| SealError::Malformed)?;
    let envelope = Envelope {
        header,
        ciphertext: B64.encode(ciphertext),
    };
    serde_json::to_string_pretty(&envelope).map_err(|_| SealError::Malformed)
}

/// Opens a sealed file. Returns the plaintext (a plan's JSON, still to be imported).
pub fn open(sealed: &str, passphrase: &str) -> Result<String, SealError> {
    if passphrase.is_empty() {
        return Err(SealError::EmptyPassphrase);
    }
    let envelope: Envelope = serde_json::from_str(sealed).map_err(|_| SealError::Malformed)?;
    let h = &envelope.header;
    if h.format != SEALED_FORMAT {
        return Err(SealError::Malformed);
    }
    if h.version != 1 || h.kdf != "argon2id" || h.cipher != "aes-256-gcm" || !h.params.acceptable()
    {
        return Err(SealError::Unsupported);
    }
    let salt = B64.decode(&h.salt).map_err(|_| SealError::Malformed)?;
    let nonce = B64.decode(&h.nonce).map_err(|_| SealError::Malformed)?;
    let ciphertext = B64
        .decode(&envelope.ciphertext)
        .map_err(|_| SealError::Malformed)?;
    if salt.len() != SALT_LEN || nonce.len() != NONCE_LEN {
        return Err(SealError::Malformed);
    }
    let key = derive_key(passphrase, &salt, h.params)?;
    let cipher = Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&key));
    let plain = cipher
        .decrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: &ciphertext,
                aad: &aad(h),
            },
        )
        .map_err(|_| SealError::WrongPassphraseOrTampered)?;
    String::from_utf8(plain).map_err(|_| SealError::Malformed)
}

/// The label "Skyddad med lösenfras" etc. for the UI.
pub fn label(lang: Lang) -> &'static str {
    tr(lang, "seal.label")
}

#[cfg(test)]
mod tests {
    use super::*;

    // Cheap parameters keep the tests fast; the format records them, so
    // opening works the same as with the defaults.
    const FAST: KdfParams = KdfParams {
        m_kib: 8_192,
        t: 1,
        p: 1,
    };
    const SALT: [u8; SALT_LEN] = [7; SALT_LEN];
    const NONCE: [u8; NONCE_LEN] = [9; NONCE_LEN];

    #[test]
    fn opens_what_it_sealed_and_hides_the_content() {
        let text = r#"{"format":"skyddsnat","names":["Alva","Birgitta"]}"#;
        let sealed = seal(text, "korrekt häst", SALT, NONCE, FAST).unwrap();
        assert!(is_sealed(&sealed));
        assert!(!sealed.contains("Alva") && !sealed.contains("Birgitta"));
        assert_eq!(open(&sealed, "korrekt häst").unwrap(), text);
    }

    #[test]
    fn wrong_passphrase_is_an_error_not_garbage() {
        let sealed = seal("{}", "rätt", SALT, NONCE, FAST).unwrap();
        assert_eq!(
            open(&sealed, "fel"),
            Err(SealError::WrongPassphraseOrTampered)
        );
        assert_eq!(open(&sealed, ""), Err(SealError::EmptyPassphrase));
    }

    #[test]
    fn any_change_to_ciphertext_or_header_is_detected() {
        let sealed = seal("{\"a\":1}", "pw", SALT, NONCE, FAST).unwrap();
        let mut env: serde_json::Value = serde_json::from_str(&sealed).unwrap();
        // Flip one bit of the ciphertext.
        let ct = B64.decode(env["ciphertext"].as_str().unwrap()).unwrap();
        let mut bad = ct.clone();
        bad[0] ^= 1;
        env["ciphertext"] = B64.encode(&bad).into();
        assert_eq!(
            open(&env.to_string(), "pw"),
            Err(SealError::WrongPassphraseOrTampered)
        );
        // Change the salt's bytes (still valid base64 of 16 bytes).
        let mut env: serde_json::Value = serde_json::from_str(&sealed).unwrap();
        env["salt"] = B64.encode([8u8; SALT_LEN]).into();
        assert_eq!(
            open(&env.to_string(), "pw"),
            Err(SealError::WrongPassphraseOrTampered)
        );
        // Raise the cost parameter: authenticated, so detected too.
        let mut env: serde_json::Value = serde_json::from_str(&sealed).unwrap();
        env["params"]["t"] = 2.into();
        assert_eq!(
            open(&env.to_string(), "pw"),
            Err(SealError::WrongPassphraseOrTampered)
        );
    }

    #[test]
    fn hostile_envelopes_are_refused_before_any_expensive_work() {
        let sealed = seal("{}", "pw", SALT, NONCE, FAST).unwrap();
        let mut env: serde_json::Value = serde_json::from_str(&sealed).unwrap();
        env["params"]["m_kib"] = 4_000_000.into();
        assert_eq!(open(&env.to_string(), "pw"), Err(SealError::Unsupported));
        let mut env: serde_json::Value = serde_json::from_str(&sealed).unwrap();
        env["version"] = 2.into();
        assert_eq!(open(&env.to_string(), "pw"), Err(SealError::Unsupported));
        for junk in ["", "{", "[]", "{\"format\":\"skyddsnat-sealed\"}", "null"] {
            assert_eq!(open(junk, "pw"), Err(SealError::Malformed), "{junk}");
        }
        assert!(!is_sealed("{\"format\":\"skyddsnat\"}"));
    }

    #[test]
    fn fresh_salt_and_nonce_give_different_files() {
        let a = seal("{}", "pw", SALT, NONCE, FAST).unwrap();
        let b = seal("{}", "pw", [1; SALT_LEN], [2; NONCE_LEN], FAST).unwrap();
        assert_ne!(a, b);
    }
}
