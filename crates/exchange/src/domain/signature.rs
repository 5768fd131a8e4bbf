//! HTTP Message Signatures (RFC 9421) as the exchange uses them: the `Signature-Input` and
//! `Signature` fields (structured-field dictionaries, RFC 8941, read here as far as signatures
//! need), the signature base, and the checks a receiver makes before it trusts a message.

use super::{COVERED, ExchangeReason};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// A parameter's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bare {
    Int(i64),
    Str(String),
    Token(String),
    Bool(bool),
    Bytes(Vec<u8>),
}

impl Bare {
    fn serialize(&self, out: &mut String) {
        match self {
            Bare::Int(i) => out.push_str(&i.to_string()),
            Bare::Str(s) => {
                out.push('"');
                for c in s.chars() {
                    if c == '"' || c == '\\' {
                        out.push('\\');
                    }
                    out.push(c);
                }
                out.push('"');
            }
            Bare::Token(t) => out.push_str(t),
            Bare::Bool(b) => out.push_str(if *b { "?1" } else { "?0" }),
            Bare::Bytes(b) => {
                out.push(':');
                out.push_str(&STANDARD.encode(b));
                out.push(':');
            }
        }
    }
}

/// One signature's covered components and parameters, in the order they were given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureParams {
    pub components: Vec<String>,
    pub params: Vec<(String, Bare)>,
}

impl SignatureParams {
    /// The exchange's parameters for a new signature.
    pub fn new(created: i64, keyid: &str, nonce: &str) -> SignatureParams {
        SignatureParams {
            components: COVERED.iter().map(|c| c.to_string()).collect(),
            params: vec![
                ("created".into(), Bare::Int(created)),
                ("keyid".into(), Bare::Str(keyid.into())),
                ("alg".into(), Bare::Str("ed25519".into())),
                ("nonce".into(), Bare::Str(nonce.into())),
            ],
        }
    }

    /// The serialized inner list with its parameters: the value of `@signature-params`.
    pub fn serialize(&self) -> String {
        let mut out = String::from("(");
        for (i, c) in self.components.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            Bare::Str(c.clone()).serialize(&mut out);
        }
        out.push(')');
        for (k, v) in &self.params {
            out.push(';');
            out.push_str(k);
            if *v != Bare::Bool(true) {
                out.push('=');
                v.serialize(&mut out);
            }
        }
        out
    }

    fn param(&self, name: &str) -> Option<&Bare> {
        self.params.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    fn string(&self, name: &str) -> Option<&str> {
        match self.param(name) {
            Some(Bare::Str(s)) => Some(s),
            _ => None,
        }
    }

    pub fn created(&self) -> Option<i64> {
        match self.param("created") {
            Some(Bare::Int(i)) => Some(*i),
            _ => None,
        }
    }

    pub fn keyid(&self) -> Option<&str> {
        self.string("keyid")
    }

    pub fn nonce(&self) -> Option<&str> {
        self.string("nonce")
    }

    pub fn alg(&self) -> Option<&str> {
        self.string("alg")
    }
}

/// The signature base (RFC 9421 section 2.5): one line `"name": value` per covered component,
/// in the order of `params`, then the `@signature-params` line, without a final newline.
/// `value` gives a component's value, or `None` when the message lacks it.
pub fn signature_base<'a>(
    params: &SignatureParams,
    value: impl Fn(&str) -> Option<&'a str>,
) -> Result<String, ExchangeReason> {
    let mut out = String::new();
    for c in &params.components {
        let v = value(c).ok_or_else(|| ExchangeReason::MissingComponent { component: c.clone() })?;
        out.push_str(&format!("\"{c}\": {}\n", v.trim()));
    }
    out.push_str("\"@signature-params\": ");
    out.push_str(&params.serialize());
    Ok(out)
}

/// `label=(...)...` for the `Signature-Input` field.
pub fn signature_input_field(label: &str, params: &SignatureParams) -> String {
    format!("{label}={}", params.serialize())
}

/// `label=:BASE64:` for the `Signature` field.
pub fn signature_field(label: &str, signature: &[u8]) -> String {
    format!("{label}=:{}:", STANDARD.encode(signature))
}

/// What a receiver learns from the two fields before it knows the sender's key: the signature
/// to check, over which base.
#[derive(Debug, Clone)]
pub struct Presented {
    pub params: SignatureParams,
    pub signature: Vec<u8>,
}

impl Presented {
    /// Reads the first signature of `Signature-Input` and the same label's `Signature`, and
    /// checks it is the exchange's: every component of `COVERED`, `created`, `keyid` and
    /// `nonce` there, and `alg`, when given, `ed25519`.
    pub fn read(signature_input: &str, signature: &str) -> Result<Presented, ExchangeReason> {
        let malformed = |what: &str| ExchangeReason::Malformed { what: what.into() };
        let inputs = parse_dictionary(signature_input).map_err(|e| malformed(&format!("Signature-Input: {e}")))?;
        let sigs = parse_dictionary(signature).map_err(|e| malformed(&format!("Signature: {e}")))?;
        let (label, member) = inputs.into_iter().next().ok_or_else(|| malformed("Signature-Input is empty"))?;
        let Member::Inner(components, params) = member else {
            return Err(malformed("Signature-Input must hold an inner list"));
        };
        let components = components
            .into_iter()
            .map(|c| match c {
                Bare::Str(s) => Ok(s),
                _ => Err(malformed("a component must be a string")),
            })
            .collect::<Result<Vec<_>, _>>()?;
        let params = SignatureParams { components, params };
        let signature = match sigs.into_iter().find(|(l, _)| *l == label) {
            Some((_, Member::Item(Bare::Bytes(b), _))) => b,
            _ => return Err(malformed(&format!("Signature has no byte sequence labelled {label}"))),
        };
        for c in COVERED {
            if !params.components.iter().any(|x| x == c) {
                return Err(ExchangeReason::MissingComponent { component: c.into() });
            }
        }
        for p in ["created", "keyid", "nonce"] {
            if params.param(p).is_none() {
                return Err(ExchangeReason::MissingComponent { component: p.into() });
            }
        }
        if params.created().is_none() || params.keyid().is_none() || params.nonce().is_none() {
            return Err(malformed("created must be an integer, keyid and nonce strings"));
        }
        if params.param("alg").is_some_and(|a| *a != Bare::Str("ed25519".into())) {
            return Err(malformed("alg must be ed25519"));
        }
        Ok(Presented { params, signature })
    }
}

/// A dictionary member: an item or an inner list, each with parameters.
#[derive(Debug, Clone, PartialEq)]
pub enum Member {
    Item(Bare, Vec<(String, Bare)>),
    Inner(Vec<Bare>, Vec<(String, Bare)>),
}

/// Parses a structured-field dictionary (RFC 8941 section 4.2.2); decimals are not read.
pub fn parse_dictionary(text: &str) -> Result<Vec<(String, Member)>, String> {
    let mut p = Parser { s: text.as_bytes(), i: 0 };
    let mut out: Vec<(String, Member)> = Vec::new();
    p.spaces();
    if p.done() {
        return Ok(out);
    }
    loop {
        let key = p.key()?;
        let member = if p.eat(b'=') {
            if p.peek() == Some(b'(') {
                let items = p.inner_list()?;
                Member::Inner(items, p.params()?)
            } else {
                let item = p.bare()?;
                Member::Item(item, p.params()?)
            }
        } else {
            Member::Item(Bare::Bool(true), p.params()?)
        };
        out.retain(|(k, _)| *k != key);
        out.push((key, member));
        p.ows();
        if p.done() {
            return Ok(out);
        }
        if !p.eat(b',') {
            return Err(format!("expected a comma at {}", p.i));
        }
        p.ows();
        if p.done() {
            return Err("a trailing comma".into());
        }
    }
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }
    fn done(&self) -> bool {
        self.i >= self.s.len()
    }
    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn spaces(&mut self) {
        while self.peek() == Some(b' ') {
            self.i += 1;
        }
    }
    fn ows(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.i += 1;
        }
    }
    fn key(&mut self) -> Result<String, String> {
        let start = self.i;
        match self.peek() {
            Some(c) if c.is_ascii_lowercase() || c == b'*' => self.i += 1,
            _ => return Err(format!("expected a key at {start}")),
        }
        while matches!(self.peek(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit() || b"_-.*".contains(&c)) {
            self.i += 1;
        }
        Ok(String::from_utf8_lossy(&self.s[start..self.i]).into_owned())
    }
    fn inner_list(&mut self) -> Result<Vec<Bare>, String> {
        self.eat(b'(');
        let mut items = Vec::new();
        loop {
            self.spaces();
            if self.eat(b')') {
                return Ok(items);
            }
            let item = self.bare()?;
            // Parameters of items in the list (component flags like `;sf`) are not used here:
            // the exchange signs plain components only.
            if !self.params()?.is_empty() {
                return Err("component parameters are not supported".into());
            }
            items.push(item);
            match self.peek() {
                Some(b' ' | b')') => {}
                _ => return Err(format!("expected a space or ) at {}", self.i)),
            }
        }
    }
    fn params(&mut self) -> Result<Vec<(String, Bare)>, String> {
        let mut out: Vec<(String, Bare)> = Vec::new();
        while self.eat(b';') {
            self.spaces();
            let key = self.key()?;
            let value = if self.eat(b'=') { self.bare()? } else { Bare::Bool(true) };
            out.retain(|(k, _)| *k != key);
            out.push((key, value));
        }
        Ok(out)
    }
    fn bare(&mut self) -> Result<Bare, String> {
        let start = self.i;
        match self.peek() {
            Some(b'"') => {
                self.i += 1;
                let mut s = String::new();
                loop {
                    match self.peek() {
                        None => return Err("an unterminated string".into()),
                        Some(b'\\') => {
                            self.i += 1;
                            match self.peek() {
                                Some(c @ (b'"' | b'\\')) => s.push(c as char),
                                _ => return Err("a bad escape in a string".into()),
                            }
                            self.i += 1;
                        }
                        Some(b'"') => {
                            self.i += 1;
                            return Ok(Bare::Str(s));
                        }
                        Some(c) if (0x20..0x7f).contains(&c) => {
                            s.push(c as char);
                            self.i += 1;
                        }
                        Some(_) => return Err("a control or non-ASCII character in a string".into()),
                    }
                }
            }
            Some(b':') => {
                self.i += 1;
                let from = self.i;
                while matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric() || b"+/=".contains(&c)) {
                    self.i += 1;
                }
                let text = &self.s[from..self.i];
                if !self.eat(b':') {
                    return Err("an unterminated byte sequence".into());
                }
                STANDARD.decode(text).map(Bare::Bytes).map_err(|e| format!("a byte sequence: {e}"))
            }
            Some(b'?') => {
                self.i += 1;
                let b = match self.peek() {
                    Some(b'1') => true,
                    Some(b'0') => false,
                    _ => return Err("a bad boolean".into()),
                };
                self.i += 1;
                Ok(Bare::Bool(b))
            }
            Some(c) if c == b'-' || c.is_ascii_digit() => {
                self.i += 1;
                while matches!(self.peek(), Some(c) if c.is_ascii_digit()) {
                    self.i += 1;
                }
                if self.peek() == Some(b'.') {
                    return Err("decimals are not supported".into());
                }
                std::str::from_utf8(&self.s[start..self.i])
                    .ok()
                    .and_then(|t| t.parse().ok())
                    .filter(|n: &i64| n.unsigned_abs() < 1_000_000_000_000_000)
                    .map(Bare::Int)
                    .ok_or_else(|| "a bad integer".into())
            }
            Some(c) if c.is_ascii_alphabetic() || c == b'*' => {
                while matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~:/".contains(&c)) {
                    self.i += 1;
                }
                Ok(Bare::Token(String::from_utf8_lossy(&self.s[start..self.i]).into_owned()))
            }
            _ => Err(format!("expected a value at {start}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::keys;

    /// RFC 9421 Appendix B.1.4: test-key-ed25519 (its PKCS#8 secret ends in the 32-byte seed).
    const RFC_SECRET_PKCS8: &str = "MC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF";
    const RFC_PUBLIC: &str = "JrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=";

    /// RFC 9421 Appendix B.2.6: signing a request using ed25519.
    #[test]
    fn the_rfc_9421_ed25519_example() {
        let input = r#"sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519""#;
        let sig = "sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:";
        let dict = parse_dictionary(input).unwrap();
        let Member::Inner(items, params) = &dict[0].1 else { panic!() };
        let params = SignatureParams {
            components: items.iter().map(|b| if let Bare::Str(s) = b { s.clone() } else { panic!() }).collect(),
            params: params.clone(),
        };
        let values = [
            ("date", "Tue, 20 Apr 2021 02:07:55 GMT"),
            ("@method", "POST"),
            ("@path", "/foo"),
            ("@authority", "example.com"),
            ("content-type", "application/json"),
            ("content-length", "18"),
        ];
        let base = signature_base(&params, |c| values.iter().find(|(k, _)| *k == c).map(|(_, v)| *v)).unwrap();
        assert_eq!(
            base,
            "\"date\": Tue, 20 Apr 2021 02:07:55 GMT\n\"@method\": POST\n\"@path\": /foo\n\"@authority\": example.com\n\
             \"content-type\": application/json\n\"content-length\": 18\n\"@signature-params\": (\"date\" \"@method\" \
             \"@path\" \"@authority\" \"content-type\" \"content-length\");created=1618884473;keyid=\"test-key-ed25519\""
        );
        assert_eq!(signature_input_field("sig-b26", &params), input);
        let Member::Item(Bare::Bytes(signature), _) = &parse_dictionary(sig).unwrap()[0].1 else { panic!() };
        let public = keys::parse_public_key(RFC_PUBLIC).unwrap();
        assert!(keys::verify(&public, base.as_bytes(), signature));
        assert!(!keys::verify(&public, base.replace("/foo", "/bar").as_bytes(), signature));
        // Ed25519 is deterministic: the RFC's secret key signs the base to the RFC's signature.
        let pkcs8 = STANDARD.decode(RFC_SECRET_PKCS8).unwrap();
        let seed: [u8; 32] = pkcs8[pkcs8.len() - 32..].try_into().unwrap();
        let key = keys::ExchangeKey::from_seed(seed);
        assert_eq!(key.public_key(), RFC_PUBLIC);
        assert_eq!(signature_field("sig-b26", &key.sign(base.as_bytes())), sig);
    }

    #[test]
    fn the_exchange_signature_reads_back() {
        let params = SignatureParams::new(1_700_000_000, "abcd", "n-1");
        let key = keys::ExchangeKey::from_seed([3; 32]);
        let sig = key.sign(b"x");
        let p = Presented::read(&signature_input_field("drom", &params), &signature_field("drom", &sig)).unwrap();
        assert_eq!(p.params, params);
        assert_eq!(p.signature, sig.to_vec());
        assert_eq!((p.params.keyid(), p.params.nonce(), p.params.alg()), (Some("abcd"), Some("n-1"), Some("ed25519")));
    }

    #[test]
    fn incomplete_signatures_are_refused() {
        let sig = signature_field("drom", &[1; 64]);
        let short = r#"drom=("@method" "@path");created=1;keyid="k";nonce="n""#;
        assert!(matches!(Presented::read(short, &sig), Err(ExchangeReason::MissingComponent { .. })));
        let full = SignatureParams::new(1, "k", "n").serialize();
        let no_nonce = format!("drom={}", full.replace(r#";nonce="n""#, ""));
        assert!(matches!(Presented::read(&no_nonce, &sig), Err(ExchangeReason::MissingComponent { .. })));
        let rsa = format!("drom={}", full.replace("ed25519", "rsa-pss-sha512"));
        assert!(matches!(Presented::read(&rsa, &sig), Err(ExchangeReason::Malformed { .. })));
        assert!(matches!(
            Presented::read(&format!("drom={full}"), "other=:AAAA:"),
            Err(ExchangeReason::Malformed { .. })
        ));
        for bad in ["drom=(", "drom=(\"a\";x)", "Drom=1", "drom=\"x", "a=1,", "a=1.5"] {
            assert!(parse_dictionary(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_dictionary("a=1, b=?0, c").unwrap().len(), 3);
    }

    #[test]
    fn a_missing_component_value_is_named() {
        let params = SignatureParams::new(1, "k", "n");
        let r = signature_base(&params, |c| if c == "date" { None } else { Some("x") });
        assert_eq!(r, Err(ExchangeReason::MissingComponent { component: "date".into() }));
    }
}

/// The label the exchange signs under.
pub const LABEL: &str = "drom";

/// The authority of a base URL as a client sends it in `Host` (lower case, without a default
/// port), or `None` when the URL is not `http(s)://host[:port]`.
pub fn authority_of(base_url: &str) -> Option<String> {
    let (scheme, rest) = base_url.split_once("://")?;
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    if rest.is_empty() || rest.contains(['/', '?', '#', '@', ' ']) {
        return None;
    }
    let rest = rest.to_ascii_lowercase();
    match scheme {
        "http" => Some(rest.strip_suffix(":80").map(str::to_string).unwrap_or(rest)),
        "https" => Some(rest.strip_suffix(":443").map(str::to_string).unwrap_or(rest)),
        _ => None,
    }
}

/// The headers of a signed message: `Date`, `Content-Digest`, `Drom-Message-Id`,
/// `Signature-Input` and `Signature`, for a POST of `body` to `path` at `authority`.
pub fn signed_headers(
    key: &crate::domain::keys::ExchangeKey,
    authority: &str,
    path: &str,
    message_id: &str,
    body: &[u8],
    now: chrono::DateTime<chrono::Utc>,
    nonce: &str,
) -> Vec<(&'static str, String)> {
    let date = crate::domain::http_date(now);
    let digest = crate::domain::content_digest(body);
    let params = SignatureParams::new(now.timestamp(), &key.key_id(), nonce);
    let values = [
        ("@method", "POST"),
        ("@authority", authority),
        ("@path", path),
        ("date", date.as_str()),
        ("content-digest", digest.as_str()),
        ("drom-message-id", message_id),
    ];
    let base = signature_base(&params, |c| values.iter().find(|(k, _)| *k == c).map(|(_, v)| *v))
        .expect("every covered component has its value");
    let signature = key.sign(base.as_bytes());
    vec![
        ("date", date),
        ("content-digest", digest),
        ("drom-message-id", message_id.to_string()),
        ("signature-input", signature_input_field(LABEL, &params)),
        ("signature", signature_field(LABEL, &signature)),
    ]
}

#[cfg(test)]
mod signing_tests {
    use super::*;
    use crate::domain::keys::{ExchangeKey, parse_public_key, verify};

    #[test]
    fn a_signed_message_verifies_and_a_changed_one_does_not() {
        let key = ExchangeKey::from_seed([9; 32]);
        let now = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        let h = signed_headers(&key, "b.example:8443", "/api/v1/exchange/messages", "id-1", b"{}", now, "n1");
        let get = |n: &str| h.iter().find(|(k, _)| *k == n).map(|(_, v)| v.as_str());
        let p = Presented::read(get("signature-input").unwrap(), get("signature").unwrap()).unwrap();
        let value = |c: &str| match c {
            "@method" => Some("POST"),
            "@authority" => Some("b.example:8443"),
            "@path" => Some("/api/v1/exchange/messages"),
            other => get(other),
        };
        let public = parse_public_key(&key.public_key()).unwrap();
        let base = signature_base(&p.params, value).unwrap();
        assert!(verify(&public, base.as_bytes(), &p.signature));
        let other = signature_base(&p.params, |c| if c == "@path" { Some("/elsewhere") } else { value(c) }).unwrap();
        assert!(!verify(&public, other.as_bytes(), &p.signature));
        assert_eq!(get("date"), Some("Tue, 14 Nov 2023 22:13:20 GMT"));
    }

    #[test]
    fn authorities() {
        assert_eq!(authority_of("http://127.0.0.1:8080").as_deref(), Some("127.0.0.1:8080"));
        assert_eq!(authority_of("https://Drom.Example.org/").as_deref(), Some("drom.example.org"));
        assert_eq!(authority_of("https://drom.example.org:443").as_deref(), Some("drom.example.org"));
        assert_eq!(authority_of("https://drom.example.org/sub"), None);
        assert_eq!(authority_of("ftp://drom.example.org"), None);
        assert_eq!(authority_of("drom.example.org"), None);
    }
}
