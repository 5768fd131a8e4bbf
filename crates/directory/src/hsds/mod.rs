//! HSDS 3.0 files: reading (validated against the vendored schemas, `hsds/`, every error named
//! by its JSON path or its CSV file, row and field) and writing, as JSON (compiled services) and
//! as the HSDS CSV tables.

pub mod compiled;
pub mod model;

use crate::DirectoryReason;
use compiled::CompiledService;
use drom_domain::{Common, ValidationErrors};
use model::*;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::sync::LazyLock;

/// The HSDS version the directory speaks.
pub const HSDS_VERSION: &str = "3.0";
/// The vendored specification commit the schemas come from.
pub const HSDS_COMMIT: &str = "279fd2eb3552c349bf698c07c00cc25f5fc8249b";

const SERVICE_SCHEMA: &str = include_str!("../../hsds/compiled/service_with_definitions.json");
const TABULAR_SCHEMA: &str = include_str!("../../hsds/compiled/tabular.json");

fn build(schema: &Value) -> jsonschema::Validator {
    jsonschema::options().should_validate_formats(true).build(schema).expect("the vendored HSDS schemas compile")
}

static SERVICE: LazyLock<jsonschema::Validator> =
    LazyLock::new(|| build(&serde_json::from_str(SERVICE_SCHEMA).expect("the vendored HSDS schema is JSON")));

/// One flat table schema: its file, its validator, and the JSON type of each property.
type FlatTable = (String, jsonschema::Validator, HashMap<String, String>);

/// The flat table schemas of `tabular.json`, by HSDS table name.
static TABULAR: LazyLock<HashMap<String, FlatTable>> = LazyLock::new(|| {
    let all: Value = serde_json::from_str(TABULAR_SCHEMA).expect("the vendored HSDS schema is JSON");
    let mut out = HashMap::new();
    for (name, table) in all["properties"].as_object().into_iter().flatten() {
        // A CSV row is flat: the nested arrays (and their references to the other tables'
        // files) are not part of it.
        let mut item = table["items"].clone();
        if let Some(props) = item["properties"].as_object_mut() {
            props.retain(|_, p| p["type"] != "array");
        }
        let file = item["path"].as_str().unwrap_or_default().to_string();
        let types = item["properties"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, v)| (k.clone(), v["type"].as_str().unwrap_or("string").to_string()))
            .collect();
        out.insert(name.clone(), (file, build(&item), types));
    }
    out
});

/// The HSDS CSV files Drom's directory keeps, in the order they are written and read.
pub const FILES: &[&str] = &[
    Taxonomy::FILE,
    TaxonomyTerm::FILE,
    Organization::FILE,
    Service::FILE,
    Location::FILE,
    Address::FILE,
    ServiceAtLocation::FILE,
    Contact::FILE,
    Phone::FILE,
    Schedule::FILE,
    Language::FILE,
    ServiceArea::FILE,
    RequiredDocument::FILE,
    Attribute::FILE,
];

fn schema_errors(v: &jsonschema::Validator, instance: &Value, e: &mut ValidationErrors, at: impl Fn(&str) -> String) {
    for err in v.iter_errors(instance) {
        let path = err.instance_path().to_string();
        e.push(at(&path), DirectoryReason::NotHsds { detail: err.to_string() });
    }
}

/// Reads an HSDS JSON file: an array of compiled services, or an HSDS page with `contents`.
/// Every service is checked against HSDS 3.0 first; any error refuses the whole file.
pub fn read_json(bytes: &[u8]) -> Result<Tables, ValidationErrors> {
    let doc: Value = serde_json::from_slice(bytes)
        .map_err(|err| ValidationErrors::single("/", Common::Malformed { detail: err.to_string() }))?;
    let (prefix, items) = match doc {
        Value::Array(items) => (String::new(), items),
        Value::Object(mut page) => match page.remove("contents") {
            Some(Value::Array(items)) => ("/contents".to_string(), items),
            _ => return Err(ValidationErrors::single("/", DirectoryReason::NotAServiceList)),
        },
        _ => return Err(ValidationErrors::single("/", DirectoryReason::NotAServiceList)),
    };
    let mut e = ValidationErrors::default();
    for (i, item) in items.iter().enumerate() {
        schema_errors(&SERVICE, item, &mut e, |p| format!("{prefix}/{i}{p}"));
    }
    if !e.0.is_empty() {
        return Err(e);
    }
    let mut t = Tables::default();
    for (i, item) in items.into_iter().enumerate() {
        let path = format!("{prefix}/{i}");
        match serde_json::from_value::<CompiledService>(item) {
            Ok(s) => s.flatten_into(&path, &mut t),
            Err(err) => e.push(path, Common::Malformed { detail: err.to_string() }),
        }
    }
    e.into_result(())?;
    if t.services.is_empty() {
        return Err(ValidationErrors::single("/", Common::NoRows));
    }
    t.dedup();
    Ok(t)
}

fn csv_rows<T: Table + serde::de::DeserializeOwned>(
    files: &HashMap<String, Vec<u8>>,
    e: &mut ValidationErrors,
) -> Vec<T> {
    let Some(bytes) = files.get(T::FILE) else { return Vec::new() };
    let Some((_, validator, types)) = TABULAR.get(T::HSDS) else { return Vec::new() };
    let file = T::FILE;
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(bytes.as_slice());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().trim_start_matches('\u{feff}').to_string()).collect(),
        Err(err) => {
            e.push(format!("{file} row 1"), Common::UnreadableHeader { detail: err.to_string() });
            return Vec::new();
        }
    };
    let mut bad = false;
    for (i, h) in headers.iter().enumerate() {
        if !types.contains_key(h) {
            bad = true;
            let mut columns: Vec<&str> = types.iter().filter(|(_, t)| *t != "array").map(|(k, _)| k.as_str()).collect();
            columns.sort_unstable();
            e.push(
                format!("{file} row 1, column {}", i + 1),
                Common::NotAColumn { column: h.clone(), columns: columns.join(", ") },
            );
        }
    }
    if bad {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let line = n + 2;
        let record = match record {
            Ok(r) => r,
            Err(err) => {
                e.push(format!("{file} row {line}"), Common::Malformed { detail: err.to_string() });
                continue;
            }
        };
        let mut obj = Map::new();
        for (h, cell) in headers.iter().zip(record.iter()) {
            if cell.is_empty() {
                continue;
            }
            // A cell Drom wrote with the spreadsheet guard (`'+383 ...`) reads back as it was.
            let cell = match cell.strip_prefix('\'') {
                Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
                _ => cell,
            };
            let value = match types.get(h).map(String::as_str) {
                Some("number") => cell
                    .trim()
                    .parse::<f64>()
                    .ok()
                    .and_then(|f| {
                        if f.fract() == 0.0 && f.abs() < 1e15 {
                            Some(Value::from(f as i64))
                        } else {
                            serde_json::Number::from_f64(f).map(Value::Number)
                        }
                    })
                    .unwrap_or_else(|| Value::String(cell.to_string())),
                _ => Value::String(cell.to_string()),
            };
            obj.insert(h.clone(), value);
        }
        let value = Value::Object(obj);
        let before = e.0.len();
        schema_errors(validator, &value, e, |p| {
            let field = p.trim_start_matches('/');
            if field.is_empty() { format!("{file} row {line}") } else { format!("{file} row {line}, {field}") }
        });
        if e.0.len() > before {
            continue;
        }
        match serde_json::from_value::<T>(value) {
            Ok(mut row) => {
                row.set_origin(format!("{file} row {line}"));
                out.push(row);
            }
            Err(err) => e.push(format!("{file} row {line}"), Common::Malformed { detail: err.to_string() }),
        }
    }
    out
}

/// Reads a folder's HSDS CSV tables (file name to content). Files of HSDS tables Drom does not
/// keep (programs, funding, cost options, ...) are left aside; any other file name is refused.
pub fn read_csv(files: &HashMap<String, Vec<u8>>) -> Result<Tables, ValidationErrors> {
    let mut e = ValidationErrors::default();
    let known: Vec<&str> = TABULAR.values().map(|(f, _, _)| f.as_str()).collect();
    let mut names: Vec<&String> = files.keys().collect();
    names.sort();
    for name in names {
        if !known.contains(&name.as_str()) {
            e.push(name.clone(), DirectoryReason::NotAnHsdsTable { files: FILES.join(", ") });
        }
    }
    if !e.0.is_empty() {
        return Err(e);
    }
    let mut t = Tables {
        taxonomies: csv_rows(files, &mut e),
        taxonomy_terms: csv_rows(files, &mut e),
        organizations: csv_rows(files, &mut e),
        services: csv_rows(files, &mut e),
        locations: csv_rows(files, &mut e),
        addresses: csv_rows(files, &mut e),
        service_at_locations: csv_rows(files, &mut e),
        contacts: csv_rows(files, &mut e),
        phones: csv_rows(files, &mut e),
        schedules: csv_rows(files, &mut e),
        languages: csv_rows(files, &mut e),
        service_areas: csv_rows(files, &mut e),
        required_documents: csv_rows(files, &mut e),
        attributes: csv_rows(files, &mut e),
    };
    e.into_result(())?;
    if t.rows() == 0 {
        return Err(ValidationErrors::single(Service::FILE, Common::NoRows));
    }
    t.dedup();
    Ok(t)
}

fn write_table<T: Table + serde::Serialize>(rows: &[T]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header: Vec<&str> = T::COLUMNS.iter().map(|c| if *c == "updated_at" { "last_modified" } else { *c }).collect();
    let _ = w.write_record(&header);
    for row in rows {
        let value = serde_json::to_value(row).unwrap_or(Value::Null);
        let record: Vec<String> = header
            .iter()
            .map(|c| match value.get(*c) {
                None | Some(Value::Null) => String::new(),
                Some(Value::String(s)) => drom_domain::spreadsheet::safe_cell(s).into_owned(),
                Some(other) => other.to_string(),
            })
            .collect();
        let _ = w.write_record(&record);
    }
    w.into_inner().unwrap_or_default()
}

/// The HSDS CSV tables of `t`: (file name, content), every table with its header.
pub fn write_csv(t: &Tables) -> Vec<(&'static str, Vec<u8>)> {
    vec![
        (Taxonomy::FILE, write_table(&t.taxonomies)),
        (TaxonomyTerm::FILE, write_table(&t.taxonomy_terms)),
        (Organization::FILE, write_table(&t.organizations)),
        (Service::FILE, write_table(&t.services)),
        (Location::FILE, write_table(&t.locations)),
        (Address::FILE, write_table(&t.addresses)),
        (ServiceAtLocation::FILE, write_table(&t.service_at_locations)),
        (Contact::FILE, write_table(&t.contacts)),
        (Phone::FILE, write_table(&t.phones)),
        (Schedule::FILE, write_table(&t.schedules)),
        (Language::FILE, write_table(&t.languages)),
        (ServiceArea::FILE, write_table(&t.service_areas)),
        (RequiredDocument::FILE, write_table(&t.required_documents)),
        (Attribute::FILE, write_table(&t.attributes)),
    ]
}

/// The HSDS JSON of `t`: an array of compiled services.
pub fn write_json(t: &Tables) -> Vec<u8> {
    serde_json::to_vec_pretty(&t.compile()).unwrap_or_default()
}

/// Checks one compiled service against HSDS 3.0 (for tests of what the API answers).
pub fn service_errors(service: &Value) -> Vec<String> {
    SERVICE.iter_errors(service).map(|e| format!("{}: {e}", e.instance_path())).collect()
}
