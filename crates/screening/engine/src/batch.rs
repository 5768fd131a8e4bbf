//! Batch screening of a readmission list: a CSV stream in, one decision row per input row out,
//! in input order. Households are grouped by `household_id` wherever their rows stand, so the
//! whole list is read (compactly) before any row is decided. A malformed row gets
//! `needs_assessment` with the reason, or in strict mode stops the run before a byte is
//! written. No input may panic here. The ids echoed from the list are written as
//! `drom_domain::spreadsheet` says, so a spreadsheet never runs one as a formula.

use crate::engine::{Member, Outcome, Screener, Verdict};
use crate::facts::{Fact, FactSet, ReturnType, Tri};
use crate::hash::FastMap;
use chrono::NaiveDate;
use drom_domain::date::PartialDate;
use drom_domain::spreadsheet::safe_cell_bytes;
use drom_domain::vocab::{Relation, Sex};
use std::io::{Read, Write};

/// The input columns, in the documented order (any order is accepted; extra columns are
/// ignored).
pub const INPUT_COLUMNS: [&str; 22] = [
    "request_id",
    "household_id",
    "relation",
    "given_name",
    "family_name",
    "date_of_birth",
    "sex",
    "community",
    "municipality_of_origin",
    "return_type",
    "informed_consent",
    "mixed_marriage",
    "mixed_ethnicity",
    "perceived_regime_association",
    "serious_protection_risk",
    "severe_illness_untreatable",
    "severe_mental_illness_untreatable",
    "severe_disability",
    "caregiver_for",
    "elderly_without_support",
    "trafficking_victim",
    "best_interests_determination",
];

/// The output columns.
pub const OUTPUT_COLUMNS: [&str; 7] =
    ["request_id", "household_id", "outcome", "policy", "rules", "unknown", "explanation"];

#[derive(Debug, Clone, Copy)]
pub struct BatchOptions {
    /// Stop at the first malformed row instead of marking it `needs_assessment`.
    pub strict: bool,
    /// The day of the run: a date of birth after it is impossible.
    pub today: NaiveDate,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchSummary {
    pub rows: u64,
    pub households: u64,
    pub protected: u64,
    pub needs_assessment: u64,
    pub no_bar_found: u64,
    pub malformed_rows: u64,
}

/// Progress reports, for a progress bar.
#[derive(Debug, Clone, Copy)]
pub enum Progress {
    /// Bytes of input read so far.
    Read(u64),
    /// Rows decided and written so far, of all rows.
    Written(u64, u64),
}

#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    #[error("header: {0}")]
    Header(String),
    /// A malformed row in strict mode. `row` counts data rows from 1; `line` is the file's line.
    #[error("row {row} (line {line}), field {field}: {reason}")]
    Row { row: u64, line: u64, field: String, reason: String },
    #[error("reading the list near line {line}: {reason}")]
    Read { line: u64, reason: String },
    #[error("writing the result: {0}")]
    Write(#[from] std::io::Error),
}

/// Column positions in the input, by meaning.
struct Columns {
    at: [usize; 22],
}

impl Columns {
    fn from_header(header: &csv::ByteRecord) -> Result<Columns, BatchError> {
        let mut at = [usize::MAX; 22];
        for (i, raw) in header.iter().enumerate() {
            let raw = if i == 0 { raw.strip_prefix(b"\xef\xbb\xbf").unwrap_or(raw) } else { raw };
            let name = String::from_utf8_lossy(raw).trim().to_ascii_lowercase();
            if let Some(k) = INPUT_COLUMNS.iter().position(|c| *c == name) {
                if at[k] != usize::MAX {
                    return Err(BatchError::Header(format!("column {name} appears twice")));
                }
                at[k] = i;
            }
        }
        let missing: Vec<&str> =
            INPUT_COLUMNS.iter().zip(at).filter(|(_, a)| *a == usize::MAX).map(|(c, _)| *c).collect();
        if !missing.is_empty() {
            return Err(BatchError::Header(format!(
                "missing column(s) {} (the columns are: {})",
                missing.join(", "),
                INPUT_COLUMNS.join(",")
            )));
        }
        Ok(Columns { at })
    }
}

const C_REQUEST_ID: usize = 0;
const C_HOUSEHOLD: usize = 1;
const C_RELATION: usize = 2;
const C_DOB: usize = 5;
const C_SEX: usize = 6;
const C_COMMUNITY: usize = 7;
const C_MUNICIPALITY: usize = 8;
const C_RETURN: usize = 9;
const C_CAREGIVER: usize = 18;

/// The tri-state columns and their facts.
const TRI_COLUMNS: [(usize, Fact); 11] = [
    (10, Fact::InformedConsent),
    (11, Fact::MixedMarriage),
    (12, Fact::MixedEthnicity),
    (13, Fact::PerceivedRegimeAssociation),
    (14, Fact::SeriousProtectionRisk),
    (15, Fact::SevereIllnessUntreatable),
    (16, Fact::SevereMentalIllnessUntreatable),
    (17, Fact::SevereDisability),
    (19, Fact::ElderlyWithoutSupport),
    (20, Fact::TraffickingVictim),
    (21, Fact::BestInterestsDetermination),
];

const NONE: u32 = u32::MAX;

/// One input row, compact: texts live in the arena.
#[derive(Clone, Copy)]
struct Row {
    id: (u32, u32),
    id_hash: u64,
    household: u32,
    cares: (u32, u32),
    cares_row: u32,
    member: Member,
    line: u64,
}

struct Problem {
    row: u32,
    field: &'static str,
    reason: String,
}

fn trim(b: &[u8]) -> &[u8] {
    b.trim_ascii()
}

fn tri(b: &[u8]) -> Result<Tri, String> {
    match b {
        b"" | b"unknown" => Ok(Tri::Unknown),
        b"yes" => Ok(Tri::Yes),
        b"no" => Ok(Tri::No),
        other => Tri::parse_lenient(&String::from_utf8_lossy(other)),
    }
}

/// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD` without allocating; anything else goes through
/// `PartialDate`'s own parser for its error message.
fn date_of_birth(b: &[u8]) -> Result<PartialDate, String> {
    let num = |s: &[u8]| -> Option<u32> {
        s.iter().try_fold(0u32, |n, d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
    };
    let fast = match b.len() {
        4 => num(b).map(|y| (y, None, None)),
        7 if b[4] == b'-' => num(&b[..4]).zip(num(&b[5..])).map(|(y, m)| (y, Some(m), None)),
        10 if b[4] == b'-' && b[7] == b'-' => {
            num(&b[..4]).zip(num(&b[5..7])).zip(num(&b[8..])).map(|((y, m), d)| (y, Some(m), Some(d)))
        }
        _ => None,
    };
    match fast {
        Some((y, m, d)) => PartialDate::new(y as i32, m, d).map_err(|e| e.0),
        None => match std::str::from_utf8(b) {
            Ok(s) => s.parse::<PartialDate>().map_err(|e| e.0),
            Err(_) => Err("is not valid UTF-8".into()),
        },
    }
}

/// Everything read from the list, before screening.
struct Parsed {
    arena: Vec<u8>,
    rows: Vec<Row>,
    households: Vec<(u32, u32)>,
    problems: Vec<Problem>,
}

impl Parsed {
    fn text(&self, r: (u32, u32)) -> &[u8] {
        &self.arena[r.0 as usize..r.1 as usize]
    }
}

fn store(arena: &mut Vec<u8>, b: &[u8], line: u64) -> Result<(u32, u32), BatchError> {
    let start = arena.len();
    let end = start + b.len();
    if end > u32::MAX as usize {
        return Err(BatchError::Read { line, reason: "the list is too large (over 4 GiB of identifiers)".into() });
    }
    arena.extend_from_slice(b);
    Ok((start as u32, end as u32))
}

struct Lookup<'s> {
    screener: &'s Screener,
    communities: FastMap<Vec<u8>, Option<u8>>,
    municipalities: FastMap<Vec<u8>, Option<u16>>,
}

impl Lookup<'_> {
    fn community(&mut self, b: &[u8]) -> Option<u8> {
        if let Some(r) = self.communities.get(b) {
            return *r;
        }
        let r = std::str::from_utf8(b).ok().and_then(|s| self.screener.resolve_community(s));
        self.communities.insert(b.to_vec(), r);
        r
    }

    fn municipality(&mut self, b: &[u8]) -> Option<u16> {
        if let Some(r) = self.municipalities.get(b) {
            return *r;
        }
        let r = std::str::from_utf8(b).ok().and_then(|s| self.screener.resolve_municipality(s));
        self.municipalities.insert(b.to_vec(), r);
        r
    }
}

/// Household ids to indices, keyed by a hash computed once per household: no allocation per
/// key, and the text is compared only on a hash hit.
#[derive(Default)]
struct Interner {
    by_hash: FastMap<u64, u32>,
    /// Keys whose hash another key already took (practically never).
    collided: FastMap<Box<[u8]>, u32>,
}

impl Interner {
    /// The index of `key`, and whether it is new (then it is `next`).
    fn intern<'a>(&mut self, hash: u64, key: &[u8], next: u32, text_of: impl Fn(u32) -> &'a [u8]) -> (u32, bool) {
        match self.by_hash.entry(hash) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(next);
                (next, true)
            }
            std::collections::hash_map::Entry::Occupied(o) if text_of(*o.get()) == key => (*o.get(), false),
            std::collections::hash_map::Entry::Occupied(_) => {
                let i = *self.collided.entry(key.into()).or_insert(next);
                (i, i == next)
            }
        }
    }
}

/// Input is cut into blocks of about this size at record boundaries and parsed in parallel.
const BLOCK: usize = 4 << 20;

/// One block parsed on its own: row and household indices local to the block.
struct Chunk {
    arena: Vec<u8>,
    rows: Vec<Row>,
    households: Vec<(u32, u32)>,
    household_hashes: Vec<u64>,
    problems: Vec<Problem>,
}

/// Where `data` can be cut after a complete record: after its last line break that is not
/// inside a quoted field. `data` starts at a record boundary, outside quotes.
fn cut_point(data: &[u8]) -> Option<usize> {
    if !data.contains(&b'"') {
        return data.iter().rposition(|b| *b == b'\n').map(|i| i + 1);
    }
    let (mut quoted, mut last) = (false, None);
    for (i, b) in data.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => last = Some(i + 1),
            _ => {}
        }
    }
    last
}

fn parse_block(
    screener: &Screener,
    columns: &Columns,
    data: &[u8],
    line_base: u64,
    opts: &BatchOptions,
) -> Result<Chunk, BatchError> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(data);
    let mut p = Chunk {
        arena: Vec::new(),
        rows: Vec::new(),
        households: Vec::new(),
        household_hashes: Vec::new(),
        problems: Vec::new(),
    };
    let mut lookup = Lookup { screener, communities: FastMap::default(), municipalities: FastMap::default() };
    let mut household_ids = Interner::default();
    let mut previous_household: Vec<u8> = Vec::new();
    let mut previous_index = NONE;
    let mut record = csv::ByteRecord::new();
    let widest = columns.at.iter().copied().max().unwrap_or(0);
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = line_base + e.position().map_or(0, |p| p.line());
                return Err(BatchError::Read { line, reason: e.to_string() });
            }
        }
        let row = p.rows.len() as u32;
        let line = line_base + record.position().map_or(0, |pos| pos.line());
        let mut problem = |field: &'static str, reason: String| p.problems.push(Problem { row, field, reason });
        let get = |k: usize| trim(record.get(columns.at[k]).unwrap_or(b""));
        if record.len() <= widest {
            problem("request_id", format!("the row has {} fields, fewer than the header", record.len()));
        }
        // Only fields that are echoed in the output or looked up must be text; names are not
        // used by screening.
        for (k, name) in [(C_REQUEST_ID, "request_id"), (C_HOUSEHOLD, "household_id"), (C_CAREGIVER, "caregiver_for")] {
            if std::str::from_utf8(get(k)).is_err() {
                problem(name, "is not valid UTF-8".into());
            }
        }
        let id = get(C_REQUEST_ID);
        if id.is_empty() {
            problem("request_id", "is required".into());
        }
        let id_hash = hash_id(id);
        let id = store(&mut p.arena, id, line)?;
        let hh = get(C_HOUSEHOLD);
        let household = if hh.is_empty() {
            NONE
        } else if hh == previous_household.as_slice() {
            previous_index
        } else {
            let next = p.households.len() as u32;
            let hash = hash_id(hh);
            let (index, new) = {
                let (arena, households) = (&p.arena, &p.households);
                household_ids.intern(hash, hh, next, |i| {
                    let (a, b) = households[i as usize];
                    &arena[a as usize..b as usize]
                })
            };
            if new {
                let range = store(&mut p.arena, hh, line)?;
                p.households.push(range);
                p.household_hashes.push(hash);
            }
            previous_household.clear();
            previous_household.extend_from_slice(hh);
            previous_index = index;
            index
        };
        let mut member = Member::default();
        let mut facts = FactSet::default();
        for (k, fact) in TRI_COLUMNS {
            match tri(get(k)) {
                Ok(v) => facts.set(fact, v),
                Err(e) => problem(fact.code(), e),
            }
        }
        member.facts = facts;
        member.return_type = match get(C_RETURN) {
            b"forced" => Some(ReturnType::Forced),
            b"voluntary" => Some(ReturnType::Voluntary),
            b"" => None,
            other => match String::from_utf8_lossy(other).to_ascii_lowercase().parse::<ReturnType>() {
                Ok(t) => Some(t),
                Err(e) => {
                    problem("return_type", e.to_string());
                    None
                }
            },
        };
        let community = get(C_COMMUNITY);
        if !community.is_empty() {
            member.community = lookup.community(community);
            if member.community.is_none() {
                problem("community", format!("'{}' is not a known community", String::from_utf8_lossy(community)));
            }
        }
        let municipality = get(C_MUNICIPALITY);
        if !municipality.is_empty() {
            member.origin = lookup.municipality(municipality);
            if member.origin.is_none() {
                problem(
                    "municipality_of_origin",
                    format!("'{}' is not a known municipality", String::from_utf8_lossy(municipality)),
                );
            }
        }
        let dob = get(C_DOB);
        if !dob.is_empty() {
            match date_of_birth(dob) {
                Ok(d) if d.is_after(opts.today) => problem("date_of_birth", format!("{d} lies in the future")),
                Ok(_) => {}
                Err(e) => problem("date_of_birth", e),
            }
        }
        let sex = get(C_SEX);
        if !sex.is_empty()
            && !matches!(sex, b"female" | b"male" | b"other" | b"unknown")
            && let Err(e) = String::from_utf8_lossy(sex).to_ascii_lowercase().parse::<Sex>()
        {
            problem("sex", e.to_string());
        }
        let relation = get(C_RELATION);
        if !relation.is_empty()
            && let Err(e) = String::from_utf8_lossy(relation).to_ascii_lowercase().parse::<Relation>()
        {
            problem("relation", e.to_string());
        }
        let cares = get(C_CAREGIVER);
        let cares = if cares.is_empty() { (0, 0) } else { store(&mut p.arena, cares, line)? };
        p.rows.push(Row { id, id_hash, household, cares, cares_row: NONE, member, line });
    }
    Ok(p)
}

fn hash_id(id: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = crate::hash::FastHasher::default();
    h.write(id);
    h.finish()
}

/// Reads the whole list: the header on this thread, then blocks parsed by worker threads
/// while this one reads ahead, then merged in input order.
fn parse<R: Read>(
    screener: &Screener,
    mut input: R,
    opts: &BatchOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<Parsed, BatchError> {
    let io = |e: std::io::Error| BatchError::Read { line: 0, reason: e.to_string() };
    let mut pending: Vec<u8> = Vec::with_capacity(BLOCK * 2);
    let mut eof = false;
    let mut bytes_read = 0u64;
    // Fills `pending` until it holds a complete record past `from` (or the input ends).
    let mut fill = |pending: &mut Vec<u8>, eof: &mut bool, from: usize| -> Result<Option<usize>, BatchError> {
        loop {
            if let Some(cut) = cut_point(&pending[from..]).filter(|_| pending.len() - from >= BLOCK || *eof) {
                return Ok(Some(from + cut));
            }
            if *eof {
                return Ok((pending.len() > from).then_some(pending.len()));
            }
            let old = pending.len();
            pending.resize(old + BLOCK, 0);
            let n = input.read(&mut pending[old..]).map_err(io)?;
            pending.truncate(old + n);
            bytes_read += n as u64;
            progress(Progress::Read(bytes_read));
            if n == 0 {
                *eof = true;
            }
        }
    };
    // The header: the first record.
    let Some(_) = fill(&mut pending, &mut eof, 0)? else {
        return Err(BatchError::Header("the list is empty (a header row is required)".into()));
    };
    let (columns, data_start) = {
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(pending.as_slice());
        let header = reader.byte_headers().map_err(|e| BatchError::Read { line: 1, reason: e.to_string() })?.clone();
        (Columns::from_header(&header)?, reader.position().byte() as usize)
    };
    let header_lines = pending[..data_start.min(pending.len())].iter().filter(|b| **b == b'\n').count() as u64;
    pending.drain(..data_start.min(pending.len()));
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
    let chunks: Vec<Result<Chunk, BatchError>> = std::thread::scope(|scope| {
        let (done_tx, done_rx) = std::sync::mpsc::channel::<(usize, Result<Chunk, BatchError>)>();
        let mut senders = Vec::new();
        for _ in 0..workers {
            let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Vec<u8>, u64)>(1);
            senders.push(tx);
            let done = done_tx.clone();
            let columns = &columns;
            scope.spawn(move || {
                for (index, block, line_base) in rx {
                    let _ = done.send((index, parse_block(screener, columns, &block, line_base, opts)));
                }
            });
        }
        drop(done_tx);
        let mut line_base = header_lines;
        let mut index = 0usize;
        let mut failure = None;
        loop {
            let cut = match fill(&mut pending, &mut eof, 0) {
                Ok(Some(cut)) => cut,
                Ok(None) => break,
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            };
            let rest = pending.split_off(cut);
            let block = std::mem::replace(&mut pending, rest);
            let lines = block.iter().filter(|b| **b == b'\n').count() as u64;
            if senders[index % workers].send((index, block, line_base)).is_err() {
                break;
            }
            line_base += lines;
            index += 1;
        }
        drop(senders);
        let mut results: Vec<(usize, Result<Chunk, BatchError>)> = done_rx.into_iter().collect();
        results.sort_by_key(|(i, _)| *i);
        let mut out: Vec<Result<Chunk, BatchError>> = results.into_iter().map(|(_, c)| c).collect();
        if let Some(e) = failure {
            out.push(Err(e));
        }
        out
    });
    progress(Progress::Read(bytes_read));
    let mut p = Parsed { arena: Vec::new(), rows: Vec::new(), households: Vec::new(), problems: Vec::new() };
    let mut household_ids = Interner::default();
    let mut remap: Vec<u32> = Vec::new();
    for chunk in chunks {
        let mut c = chunk?;
        let shift = p.arena.len();
        if shift + c.arena.len() > u32::MAX as usize {
            return Err(BatchError::Read {
                line: 0,
                reason: "the list is too large (over 4 GiB of identifiers)".into(),
            });
        }
        if p.rows.len() + c.rows.len() >= NONE as usize {
            return Err(BatchError::Read { line: 0, reason: "the list has too many rows".into() });
        }
        let shift = shift as u32;
        p.arena.extend_from_slice(&c.arena);
        remap.clear();
        for (&(a, b), &hash) in c.households.iter().zip(&c.household_hashes) {
            let key = &p.arena[(a + shift) as usize..(b + shift) as usize];
            let next = p.households.len() as u32;
            let (global, new) = household_ids.intern(hash, key, next, |i| {
                let (x, y) = p.households[i as usize];
                &p.arena[x as usize..y as usize]
            });
            if new {
                p.households.push((a + shift, b + shift));
            }
            remap.push(global);
        }
        let row_shift = p.rows.len() as u32;
        for mut r in c.rows.drain(..) {
            r.id = (r.id.0 + shift, r.id.1 + shift);
            if r.cares.1 > r.cares.0 {
                r.cares = (r.cares.0 + shift, r.cares.1 + shift);
            }
            if r.household != NONE {
                r.household = remap[r.household as usize];
            }
            p.rows.push(r);
        }
        p.problems.extend(c.problems.drain(..).map(|x| Problem { row: x.row + row_shift, ..x }));
    }
    link(&mut p);
    Ok(p)
}

/// Checks request ids are unique and resolves `caregiver_for`, across the whole list. Ids are
/// found through a sorted table of their hashes: one sort is several times cheaper than a
/// million random inserts into a hash map.
fn link(p: &mut Parsed) {
    let mut table: Vec<(u64, u32)> =
        p.rows.iter().enumerate().filter(|(_, r)| r.id.1 > r.id.0).map(|(i, r)| (r.id_hash, i as u32)).collect();
    table.sort_unstable();
    let arena = &p.arena;
    let text = |r: (u32, u32)| &arena[r.0 as usize..r.1 as usize];
    let mut late: Vec<Problem> = Vec::new();
    // The first row holding an id, by hash and text.
    let find = |hash: u64, id: &[u8]| -> Option<u32> {
        let start = table.partition_point(|(h, _)| *h < hash);
        table[start..]
            .iter()
            .take_while(|(h, _)| *h == hash)
            .map(|(_, i)| *i)
            .find(|&i| text(p.rows[i as usize].id) == id)
    };
    for w in 1..table.len() {
        let (h, i) = table[w];
        if table[w - 1].0 != h {
            continue;
        }
        let id = text(p.rows[i as usize].id);
        if let Some(first) = find(h, id).filter(|&f| f != i && f < i) {
            late.push(Problem {
                row: i,
                field: "request_id",
                reason: format!("'{}' is also the request id of row {}", String::from_utf8_lossy(id), first + 1),
            });
        }
    }
    let mut links: Vec<(usize, u32)> = Vec::new();
    for (i, r) in p.rows.iter().enumerate() {
        if r.cares.1 == r.cares.0 {
            continue;
        }
        let target = text(r.cares);
        match find(hash_id(target), target) {
            Some(j) if j as usize == i => {
                late.push(Problem { row: i as u32, field: "caregiver_for", reason: "names the person themself".into() })
            }
            Some(j) => links.push((i, j)),
            None => late.push(Problem {
                row: i as u32,
                field: "caregiver_for",
                reason: format!("'{}' names no row of the list", String::from_utf8_lossy(target)),
            }),
        }
    }
    for (i, j) in links {
        p.rows[i].cares_row = j;
        p.rows[i].member.cares_for = Some(p.rows[j as usize].member.facts);
    }
    p.problems.append(&mut late);
    // Rows were checked in order, then the cross-row checks: order by row for reporting.
    p.problems.sort_by_key(|x| x.row);
    for x in &p.problems {
        p.rows[x.row as usize].member.malformed = true;
    }
}

/// Screens every row: households together, people without a household alone. Verdicts'
/// `family` holds a row index.
fn decide(screener: &Screener, p: &Parsed) -> Vec<Verdict> {
    let n = p.rows.len();
    let mut verdicts: Vec<Verdict> = Vec::with_capacity(n);
    let mut one = Vec::with_capacity(1);
    // Counting sort of rows by household: rows of one family, wherever they stood, end up
    // next to each other without a general sort.
    let mut start = vec![0u32; p.households.len() + 1];
    for r in &p.rows {
        if r.household != NONE {
            start[r.household as usize + 1] += 1;
        }
    }
    for h in 0..p.households.len() {
        start[h + 1] += start[h];
    }
    let mut fill = start.clone();
    let mut order = vec![0u32; start[p.households.len()] as usize];
    for (i, r) in p.rows.iter().enumerate() {
        if r.household != NONE {
            let slot = &mut fill[r.household as usize];
            order[*slot as usize] = i as u32;
            *slot += 1;
        }
    }
    let placeholder = Verdict {
        outcome: Outcome::NeedsAssessment,
        basis: crate::engine::Basis::Malformed,
        fired: 0,
        undetermined: 0,
        unknown: 0,
        family: None,
        exempted_from_family_unity: false,
    };
    verdicts.resize(n, placeholder);
    for (i, r) in p.rows.iter().enumerate() {
        if r.household == NONE {
            screener.screen_household(std::slice::from_ref(&r.member), &mut one);
            verdicts[i] = one[0];
        }
    }
    let mut members: Vec<Member> = Vec::new();
    let mut out: Vec<Verdict> = Vec::new();
    for h in 0..p.households.len() {
        let rows = &order[start[h] as usize..start[h + 1] as usize];
        members.clear();
        members.extend(rows.iter().map(|&i| p.rows[i as usize].member));
        screener.screen_household(&members, &mut out);
        for (k, &i) in rows.iter().enumerate() {
            let mut v = out[k];
            v.family = v.family.map(|j| rows[j as usize]);
            verdicts[i as usize] = v;
        }
    }
    verdicts
}

/// Appends a CSV field, quoted when it needs to be.
fn push_field(out: &mut Vec<u8>, s: &[u8]) {
    if s.iter().any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n')) {
        out.push(b'"');
        for &b in s {
            if b == b'"' {
                out.push(b'"');
            }
            out.push(b);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(s);
    }
}

/// Appends the explanation: always quoted, on one line.
fn push_explanation(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let mut rest = s.as_bytes();
    while let Some(k) = rest.iter().position(|b| matches!(b, b'"' | b'\r' | b'\n')) {
        out.extend_from_slice(&rest[..k]);
        out.extend_from_slice(if rest[k] == b'"' { b"\"\"" } else { b" " });
        rest = &rest[k + 1..];
    }
    out.extend_from_slice(rest);
    out.push(b'"');
}

/// Most distinct row endings one formatting thread remembers.
const TAILS_MAX: usize = 1 << 16;

/// Formats the output rows `range`, with the counts of their outcomes.
fn format_rows(
    screener: &Screener,
    parsed: &Parsed,
    verdicts: &[Verdict],
    range: std::ops::Range<usize>,
) -> (Vec<u8>, BatchSummary) {
    let mut counts = BatchSummary::default();
    let mut buf: Vec<u8> = Vec::with_capacity(range.len() * 160);
    let mut text = String::with_capacity(512);
    let mut problems_text = String::new();
    let mut next_problem = parsed.problems.partition_point(|x| (x.row as usize) < range.start);
    let mut tails: FastMap<(Member, Verdict), Box<[u8]>> = FastMap::default();
    for i in range {
        let (r, v) = (&parsed.rows[i], &verdicts[i]);
        match v.outcome {
            Outcome::Protected => counts.protected += 1,
            Outcome::NeedsAssessment => counts.needs_assessment += 1,
            Outcome::NoBarFound => counts.no_bar_found += 1,
        }
        problems_text.clear();
        while next_problem < parsed.problems.len() && parsed.problems[next_problem].row as usize == i {
            let x = &parsed.problems[next_problem];
            if !problems_text.is_empty() {
                problems_text.push_str("; ");
            }
            problems_text.push_str(x.field);
            problems_text.push_str(": ");
            problems_text.push_str(&x.reason);
            next_problem += 1;
        }
        if !problems_text.is_empty() {
            counts.malformed_rows += 1;
        }
        // The ids are the host country's text, echoed into a file spreadsheets open.
        push_field(&mut buf, &safe_cell_bytes(parsed.text(r.id)));
        buf.push(b',');
        if r.household != NONE {
            push_field(&mut buf, &safe_cell_bytes(parsed.text(parsed.households[r.household as usize])));
        }
        buf.push(b',');
        // The rest of the row depends only on the member and the verdict unless it names
        // another row or a problem; most rows repeat one of a few thousand such pairs.
        let shareable = problems_text.is_empty() && v.family.is_none() && r.cares_row == NONE;
        if shareable && let Some(tail) = tails.get(&(r.member, *v)) {
            buf.extend_from_slice(tail);
            continue;
        }
        let from = buf.len();
        buf.extend_from_slice(v.outcome.code().as_bytes());
        buf.push(b',');
        buf.extend_from_slice(screener.policy().id.as_bytes());
        buf.push(b',');
        text.clear();
        screener.write_rules(&mut text, v);
        buf.extend_from_slice(text.as_bytes());
        buf.push(b',');
        text.clear();
        Screener::write_unknown(&mut text, v.unknown);
        buf.extend_from_slice(text.as_bytes());
        buf.push(b',');
        text.clear();
        let family = v.family.map_or(&b""[..], |j| parsed.text(parsed.rows[j as usize].id));
        let cared = if r.cares_row == NONE { &b""[..] } else { parsed.text(parsed.rows[r.cares_row as usize].id) };
        screener.write_explanation(
            &mut text,
            v,
            &r.member,
            &String::from_utf8_lossy(family),
            &String::from_utf8_lossy(cared),
            &problems_text,
        );
        push_explanation(&mut buf, &text);
        buf.push(b'\n');
        if shareable && tails.len() < TAILS_MAX {
            tails.insert((r.member, *v), buf[from..].into());
        }
    }
    (buf, counts)
}

/// Screens a readmission list from `input` and writes the decisions to `output`.
///
/// In strict mode a malformed row stops the run before anything is written. Errors reading
/// the input (not CSV, missing columns) stop it too; a caller that must leave nothing behind
/// writes to a temporary file and renames it on success.
pub fn screen_csv<R: Read, W: Write + Send>(
    screener: &Screener,
    input: R,
    mut output: W,
    opts: &BatchOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<BatchSummary, BatchError> {
    let parsed = parse(screener, input, opts, progress)?;
    if opts.strict
        && let Some(x) = parsed.problems.first()
    {
        return Err(BatchError::Row {
            row: u64::from(x.row) + 1,
            line: parsed.rows[x.row as usize].line,
            field: x.field.to_string(),
            reason: x.reason.clone(),
        });
    }
    let verdicts = decide(screener, &parsed);
    let mut summary = BatchSummary {
        rows: parsed.rows.len() as u64,
        households: parsed.households.len() as u64,
        ..BatchSummary::default()
    };
    let mut header = OUTPUT_COLUMNS.join(",").into_bytes();
    header.push(b'\n');
    // Rows are formatted in windows, each split between threads, and handed in order to a
    // writer thread, so writing one window overlaps formatting the next. The output is byte
    // for byte what one thread would write.
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
    let total = parsed.rows.len();
    let window = 1 << 16;
    let written = std::thread::scope(|scope| -> std::io::Result<()> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<u8>>(2 * workers);
        let writer = scope.spawn(move || -> std::io::Result<()> {
            for bytes in rx {
                output.write_all(&bytes)?;
            }
            output.flush()
        });
        let mut start = 0;
        let mut sent = tx.send(header).is_ok();
        while sent && start < total {
            let end = (start + window).min(total);
            let step = (end - start).div_ceil(workers).max(1);
            let parts: Vec<(Vec<u8>, BatchSummary)> = std::thread::scope(|inner| {
                let handles: Vec<_> = (start..end)
                    .step_by(step)
                    .map(|a| {
                        let b = (a + step).min(end);
                        let (parsed, verdicts) = (&parsed, &verdicts);
                        inner.spawn(move || format_rows(screener, parsed, verdicts, a..b))
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or_else(|_| (Vec::new(), BatchSummary::default())))
                    .collect()
            });
            for (bytes, counts) in parts {
                summary.protected += counts.protected;
                summary.needs_assessment += counts.needs_assessment;
                summary.no_bar_found += counts.no_bar_found;
                summary.malformed_rows += counts.malformed_rows;
                // A closed channel means the writer stopped on an error, returned below.
                sent = sent && tx.send(bytes).is_ok();
            }
            progress(Progress::Written(end as u64, total as u64));
            start = end;
        }
        drop(tx);
        writer.join().unwrap_or_else(|_| Err(std::io::Error::other("the writer thread failed")))
    });
    written?;
    if summary.protected + summary.needs_assessment + summary.no_bar_found != summary.rows {
        return Err(BatchError::Write(std::io::Error::other("a formatting thread failed; the result is incomplete")));
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two different household ids with one hash stay two households.
    #[test]
    fn interner_tells_keys_apart_when_hashes_collide() {
        let keys: Vec<&[u8]> = vec![b"H1", b"H2", b"H1", b"H3"];
        let mut interner = Interner::default();
        let mut known: Vec<&[u8]> = Vec::new();
        let mut got = Vec::new();
        for k in keys {
            let (i, new) = interner.intern(42, k, known.len() as u32, |i| known[i as usize]);
            if new {
                known.push(k);
            }
            got.push((i, new));
        }
        assert_eq!(got, vec![(0, true), (1, true), (0, false), (2, true)]);
    }

    #[test]
    fn cut_points_skip_line_breaks_inside_quotes() {
        assert_eq!(cut_point(b"a,b\nc,d\ne"), Some(8));
        assert_eq!(cut_point(b"a,\"x\ny\"\nb,\"z\n"), Some(8));
        assert_eq!(cut_point(b"no line break"), None);
    }

    #[test]
    fn dates_of_birth_are_read_without_the_slow_path_and_checked() {
        assert_eq!(date_of_birth(b"1980-05").unwrap().to_string(), "1980-05");
        assert!(date_of_birth(b"2001-02-29").unwrap_err().contains("not a date"));
        assert!(date_of_birth(b"80-5-1").is_err());
        assert!(date_of_birth(b"1980-1x").is_err());
    }
}
