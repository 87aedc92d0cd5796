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
use serde::Serialize;
use serde_json::{Map, Value};

use crate::i18n::{tr, trf, Lang};

/// The `format` value of a sealed file.
pub const SEALED_FORMAT: &str = "skyddsnat-sealed";
pub const SALT_LEN: usize = 16;
pub const NONCE_LEN: usize = 12;

/// Argon2id cost parameters. The defaults follow OWASP's minimum for
/// Argon2id (19 MiB, 2 passes, 1 lane): about half a second in a browser.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
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

/// The authenticated header: the envelope without its ciphertext, serialised
/// in this order (the associated data of AES-GCM).
#[derive(Serialize)]
struct Header<'a> {
    format: &'a str,
    version: u32,
    kdf: &'a str,
    params: KdfParams,
    cipher: &'a str,
    salt: &'a str,
    nonce: &'a str,
}

/// A sealed file as stored. Read through `serde_json::Value` (see
/// [`parse`]): a derived `Deserialize` costs the widget kilobytes of code
/// per struct.
#[derive(Serialize)]
struct Envelope {
    format: String,
    version: u32,
    kdf: String,
    params: KdfParams,
    cipher: String,
    salt: String,
    nonce: String,
    ciphertext: String,
}

impl Envelope {
    fn header(&self) -> Header<'_> {
        Header {
            format: &self.format,
            version: self.version,
            kdf: &self.kdf,
            params: self.params,
            cipher: &self.cipher,
            salt: &self.salt,
            nonce: &self.nonce,
        }
    }
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

/// A key derived once from a passphrase and a salt. It seals and opens any
/// number of texts with that salt without paying for Argon2id again: the
/// lock of the plans on this computer derives it once at unlocking, and
/// each autosave costs only AES-GCM. Its files open with the passphrase
/// alone, like any sealed file (the salt is in each envelope).
#[derive(Clone)]
pub struct SealKey {
    key: [u8; 32],
    salt: [u8; SALT_LEN],
    params: KdfParams,
}

impl std::fmt::Debug for SealKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SealKey(…)")
    }
}

impl SealKey {
    /// Argon2id of `passphrase` with `salt` (about half a second in a
    /// browser with the default parameters).
    pub fn derive(
        passphrase: &str,
        salt: [u8; SALT_LEN],
        params: KdfParams,
    ) -> Result<SealKey, SealError> {
        if passphrase.is_empty() {
            return Err(SealError::EmptyPassphrase);
        }
        Ok(SealKey {
            key: derive_key(passphrase, &salt, params)?,
            salt,
            params,
        })
    }

    /// Seals `plaintext`. `nonce` must be fresh random bytes for every call.
    pub fn seal(&self, plaintext: &str, nonce: [u8; NONCE_LEN]) -> String {
        let salt = B64.encode(self.salt);
        let nonce_text = B64.encode(nonce);
        let header = Header {
            format: SEALED_FORMAT,
            version: 1,
            kdf: "argon2id",
            params: self.params,
            cipher: "aes-256-gcm",
            salt: &salt,
            nonce: &nonce_text,
        };
        let cipher = Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&self.key));
        // Encryption fails only for a message over 64 GB.
        let ciphertext = cipher
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: plaintext.as_bytes(),
                    aad: &aad(&header),
                },
            )
            .unwrap_or_default();
        let envelope = Envelope {
            format: SEALED_FORMAT.into(),
            version: 1,
            kdf: "argon2id".into(),
            params: self.params,
            cipher: "aes-256-gcm".into(),
            salt,
            nonce: nonce_text,
            ciphertext: B64.encode(ciphertext),
        };
        serde_json::to_string_pretty(&envelope).unwrap_or_default()
    }

    /// Opens a text this key (or its passphrase with the same salt) sealed.
    /// Another salt or other parameters mean another key: refused like a
    /// wrong passphrase.
    pub fn open(&self, sealed: &str) -> Result<String, SealError> {
        let parsed = parse(sealed)?;
        if parsed.salt != self.salt || parsed.envelope.params != self.params {
            return Err(SealError::WrongPassphraseOrTampered);
        }
        decrypt(&self.key, &parsed)
    }
}

/// A sealed text taken apart and checked.
struct Parsed {
    envelope: Envelope,
    salt: [u8; SALT_LEN],
    nonce: Vec<u8>,
    ciphertext: Vec<u8>,
}

/// The envelope of a sealed text: exactly its fields, of their types.
fn envelope(sealed: &str) -> Option<Envelope> {
    let value: Value = serde_json::from_str(sealed).ok()?;
    let o = value.as_object().filter(|o| o.len() == 8)?;
    let text = |k: &str| o.get(k).and_then(Value::as_str).map(str::to_string);
    let number = |o: &Map<String, Value>, k: &str| {
        o.get(k)
            .and_then(Value::as_u64)
            .and_then(|n| u32::try_from(n).ok())
    };
    let params = o.get("params")?.as_object().filter(|p| p.len() == 3)?;
    Some(Envelope {
        format: text("format")?,
        version: number(o, "version")?,
        kdf: text("kdf")?,
        params: KdfParams {
            m_kib: number(params, "m_kib")?,
            t: number(params, "t")?,
            p: number(params, "p")?,
        },
        cipher: text("cipher")?,
        salt: text("salt")?,
        nonce: text("nonce")?,
        ciphertext: text("ciphertext")?,
    })
}

/// A sealed text taken apart and checked: the envelope, salt, nonce and
/// ciphertext. Unknown versions and hostile parameters are refused here,
/// before any expensive work.
fn parse(sealed: &str) -> Result<Parsed, SealError> {
    let envelope = envelope(sealed).ok_or(SealError::Malformed)?;
    if envelope.format != SEALED_FORMAT {
        return Err(SealError::Malformed);
    }
    if envelope.version != 1
        || envelope.kdf != "argon2id"
        || envelope.cipher != "aes-256-gcm"
        || !envelope.params.acceptable()
    {
        return Err(SealError::Unsupported);
    }
    let salt = B64
        .decode(&envelope.salt)
        .map_err(|_| SealError::Malformed)?;
    let nonce = B64
        .decode(&envelope.nonce)
        .map_err(|_| SealError::Malformed)?;
    let ciphertext = B64
        .decode(&envelope.ciphertext)
        .map_err(|_| SealError::Malformed)?;
    let salt: [u8; SALT_LEN] = salt.try_into().map_err(|_| SealError::Malformed)?;
    if nonce.len() != NONCE_LEN {
        return Err(SealError::Malformed);
    }
    Ok(Parsed {
        envelope,
        salt,
        nonce,
        ciphertext,
    })
}

fn decrypt(key: &[u8; 32], parsed: &Parsed) -> Result<String, SealError> {
    let cipher = Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(key));
    let plain = cipher
        .decrypt(
            Nonce::from_slice(&parsed.nonce),
            Payload {
                msg: &parsed.ciphertext,
                aad: &aad(&parsed.envelope.header()),
            },
        )
        .map_err(|_| SealError::WrongPassphraseOrTampered)?;
    String::from_utf8(plain).map_err(|_| SealError::Malformed)
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
    Ok(SealKey::derive(passphrase, salt, params)?.seal(plaintext, nonce))
}

/// Opens a sealed file. Returns the plaintext (a plan's JSON, still to be imported).
pub fn open(sealed: &str, passphrase: &str) -> Result<String, SealError> {
    if passphrase.is_empty() {
        return Err(SealError::EmptyPassphrase);
    }
    let parsed = parse(sealed)?;
    let key = derive_key(passphrase, &parsed.salt, parsed.envelope.params)?;
    decrypt(&key, &parsed)
}

/// The text a lock record seals: opening it proves the passphrase.
const LOCK_CHECK: &str = "skyddsnat-lock";

/// The stored text of the lock of the plans on this computer, with `key`,
/// locking after `idle_minutes`: a known text sealed with the key (so a
/// passphrase can be checked without any plan), and the idle minutes.
pub fn lock_record(key: &SealKey, nonce: [u8; NONCE_LEN], idle_minutes: u32) -> String {
    serde_json::json!({
        "idle_minutes": idle_minutes,
        "check": key.seal(LOCK_CHECK, nonce),
    })
    .to_string()
}

/// Unlocks a lock record with `passphrase`: the key of every sealed copy,
/// and the idle minutes. A wrong passphrase gives no key.
pub fn unlock(record: &str, passphrase: &str) -> Result<(SealKey, u32), SealError> {
    let record: Value = serde_json::from_str(record).map_err(|_| SealError::Malformed)?;
    let (Some(idle), Some(check)) = (
        record["idle_minutes"]
            .as_u64()
            .and_then(|m| u32::try_from(m).ok()),
        record["check"].as_str(),
    ) else {
        return Err(SealError::Malformed);
    };
    if passphrase.is_empty() {
        return Err(SealError::EmptyPassphrase);
    }
    let parsed = parse(check)?;
    let key = SealKey::derive(passphrase, parsed.salt, parsed.envelope.params)?;
    match key.open(check)?.as_str() {
        LOCK_CHECK => Ok((key, idle)),
        _ => Err(SealError::Malformed),
    }
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
        let mut env: serde_json::Value = serde_json::from_str(&sealed).unwrap();
        env["extra"] = 1.into();
        assert_eq!(open(&env.to_string(), "pw"), Err(SealError::Malformed));
        let mut env: serde_json::Value = serde_json::from_str(&sealed).unwrap();
        env["params"]["t"] = "1".into();
        assert_eq!(open(&env.to_string(), "pw"), Err(SealError::Malformed));
        for junk in ["", "{", "[]", "{\"format\":\"skyddsnat-sealed\"}", "null"] {
            assert_eq!(open(junk, "pw"), Err(SealError::Malformed), "{junk}");
        }
        assert!(!is_sealed("{\"format\":\"skyddsnat\"}"));
    }

    #[test]
    fn a_derived_key_seals_many_texts_that_the_passphrase_opens() {
        let key = SealKey::derive("lösenfras", SALT, FAST).unwrap();
        let a = key.seal("{\"name\":\"Alva\"}", [1; NONCE_LEN]);
        let b = key.seal("{\"name\":\"Alva\"}", [2; NONCE_LEN]);
        assert_ne!(a, b, "a fresh nonce gives another text");
        assert!(!a.contains("Alva"));
        assert_eq!(key.open(&a).unwrap(), "{\"name\":\"Alva\"}");
        assert_eq!(open(&b, "lösenfras").unwrap(), "{\"name\":\"Alva\"}");
        // Another salt is another key, even with the same passphrase.
        let other = SealKey::derive("lösenfras", [3; SALT_LEN], FAST).unwrap();
        assert_eq!(other.open(&a), Err(SealError::WrongPassphraseOrTampered));
        let sealed_by_passphrase = seal("x", "lösenfras", SALT, NONCE, FAST).unwrap();
        assert_eq!(key.open(&sealed_by_passphrase).unwrap(), "x");
        assert!(!format!("{key:?}").contains(|c: char| c.is_ascii_digit()));
    }

    #[test]
    fn a_lock_record_unlocks_with_its_passphrase_only() {
        let key = SealKey::derive("rätt lösenfras", SALT, FAST).unwrap();
        let record = lock_record(&key, NONCE, 15);
        let (again, idle) = unlock(&record, "rätt lösenfras").unwrap();
        assert_eq!(idle, 15);
        let sealed = key.seal("plan", [5; NONCE_LEN]);
        assert_eq!(again.open(&sealed).unwrap(), "plan");
        assert_eq!(
            unlock(&record, "fel lösenfras").err(),
            Some(SealError::WrongPassphraseOrTampered)
        );
        assert_eq!(unlock(&record, "").err(), Some(SealError::EmptyPassphrase));
        assert_eq!(unlock("{}", "x").err(), Some(SealError::Malformed));
    }

    #[test]
    fn a_file_sealed_by_the_previous_version_still_opens() {
        // Written by the code before `SealKey` (the header was a flattened
        // struct then): the same associated data, so the same file.
        let old = include_str!("../../../tests/fixtures/sealed-v1.json");
        assert_eq!(
            open(old, "gammal lösenfras").unwrap(),
            r#"{"format":"skyddsnat","child":"Alva"}"#
        );
        assert_eq!(
            seal(
                r#"{"format":"skyddsnat","child":"Alva"}"#,
                "gammal lösenfras",
                SALT,
                NONCE,
                FAST
            )
            .unwrap(),
            old.trim_end()
        );
    }

    #[test]
    fn fresh_salt_and_nonce_give_different_files() {
        let a = seal("{}", "pw", SALT, NONCE, FAST).unwrap();
        let b = seal("{}", "pw", [1; SALT_LEN], [2; NONCE_LEN], FAST).unwrap();
        assert_ne!(a, b);
    }
}
