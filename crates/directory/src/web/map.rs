//! The map of Kosovo's 38 municipalities, drawn as SVG paths on the server from the vendored
//! geoBoundaries file (`geo/`), each municipality matched to its reference code by name.

use drom_domain::reference::{Municipality, find_municipality};
use serde_json::Value;

const GEOJSON: &str = include_str!("../../geo/geoBoundaries-XKX-ADM2_simplified.geojson");

/// The attribution the licence asks for, shown under the map.
pub const ATTRIBUTION: &str = "Boundaries: geoBoundaries (gbOpen), © OpenStreetMap contributors, ODbL";

/// The map's width in SVG units (its height follows the country's shape).
pub const WIDTH: f64 = 600.0;

/// The English or unaccented forms of the file's names, with the reference name they stand for.
const ALIASES: &[(&str, &str)] = &[
    ("Pristina", "Prishtinë"),
    ("Gjakova", "Gjakovë"),
    ("Peja", "Pejë"),
    ("Podujeva", "Podujevë"),
    ("Malisheva", "Malishevë"),
    ("Mamusha", "Mamushë"),
    ("Suhareka", "Suharekë"),
    ("Kamenica", "Kamenicë"),
    ("Klina", "Klinë"),
    ("Gracanica", "Graçanicë"),
    ("Mitrovica", "Mitrovicë (e Jugut)"),
    ("North Mitrovica", "Mitrovicë e Veriut"),
    ("Han i Elezit", "Hani i Elezit"),
    ("Skenderaj", "Skënderaj"),
];

/// One municipality's shape.
#[derive(Debug, Clone)]
pub struct Shape {
    /// The file's name ("Municipality of Partesh").
    pub shape_name: String,
    /// The reference municipality's code, when the name matched one.
    pub code: Option<String>,
    /// The SVG path (`M x y L ... Z`, in the map's units).
    pub path: String,
}

/// The reference name a file's `shapeName` stands for.
pub fn reference_name(shape_name: &str) -> &str {
    let short = shape_name.strip_prefix("Municipality of ").unwrap_or(shape_name).trim();
    ALIASES.iter().find(|(a, _)| *a == short).map_or(short, |(_, r)| r)
}

fn rings(geometry: &Value) -> Vec<&Vec<Value>> {
    let coords = &geometry["coordinates"];
    match geometry["type"].as_str() {
        Some("Polygon") => coords.as_array().into_iter().flatten().filter_map(Value::as_array).collect(),
        Some("MultiPolygon") => coords
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_array)
            .flatten()
            .filter_map(Value::as_array)
            .collect(),
        _ => Vec::new(),
    }
}

fn point(p: &Value) -> Option<(f64, f64)> {
    Some((p.get(0)?.as_f64()?, p.get(1)?.as_f64()?))
}

/// The map's shapes and its height, for the given reference municipalities.
pub fn shapes(municipalities: &[Municipality]) -> (Vec<Shape>, f64) {
    let doc: Value = serde_json::from_str(GEOJSON).expect("the vendored boundaries are GeoJSON");
    let features = doc["features"].as_array().cloned().unwrap_or_default();
    // Equirectangular projection, longitudes shortened by the cosine of the middle latitude.
    let (mut min_x, mut max_x, mut min_y, mut max_y) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for f in &features {
        for ring in rings(&f["geometry"]) {
            for (lon, lat) in ring.iter().filter_map(point) {
                min_x = min_x.min(lon);
                max_x = max_x.max(lon);
                min_y = min_y.min(lat);
                max_y = max_y.max(lat);
            }
        }
    }
    let k = ((min_y + max_y) / 2.0).to_radians().cos();
    let scale = WIDTH / ((max_x - min_x) * k);
    let height = ((max_y - min_y) * scale).ceil();
    let shapes = features
        .iter()
        .map(|f| {
            let shape_name = f["properties"]["shapeName"].as_str().unwrap_or_default().to_string();
            let code = find_municipality(municipalities, reference_name(&shape_name)).map(|m| m.code.clone());
            let mut path = String::new();
            for ring in rings(&f["geometry"]) {
                for (i, (lon, lat)) in ring.iter().filter_map(point).enumerate() {
                    let x = (lon - min_x) * k * scale;
                    let y = (max_y - lat) * scale;
                    path.push_str(&format!("{}{x:.1} {y:.1} ", if i == 0 { "M" } else { "L" }));
                }
                path.push_str("Z ");
            }
            Shape { shape_name, code, path: path.trim_end().to_string() }
        })
        .collect();
    (shapes, height)
}

/// The shade of a count (0 to 4) over the largest count, for the map's legend.
pub fn shade(count: i64, max: i64) -> usize {
    if count <= 0 || max <= 0 {
        return 0;
    }
    (1 + ((count - 1) * 4 / max.max(1)) as usize).min(4)
}

/// The fill of each shade (light to dark; the lightest is "none").
pub const SHADES: [&str; 5] = ["#f1f1f1", "#c6dbef", "#6baed6", "#2171b5", "#08306b"];

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference municipalities as the kernel's migration loads them.
    fn reference() -> Vec<Municipality> {
        include_str!("../../../kernel/store/reference/kosovo_municipalities.csv")
            .lines()
            .skip(1)
            .map(|l| {
                let f: Vec<&str> = l.split(',').collect();
                Municipality {
                    code: Municipality::code_for(f[0]),
                    name_sq: f[0].into(),
                    name_sr: f[1].into(),
                    district: f[2].into(),
                    northern: f[3] == "yes",
                    majority_community: f[4].into(),
                }
            })
            .collect()
    }

    #[test]
    fn every_shape_is_one_municipality_and_every_municipality_has_a_shape() {
        let all = reference();
        assert_eq!(all.len(), 38);
        let (shapes, height) = shapes(&all);
        assert_eq!(shapes.len(), 38);
        let mut codes: Vec<String> = shapes
            .iter()
            .map(|s| s.code.clone().unwrap_or_else(|| panic!("{} matched nothing", s.shape_name)))
            .collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), 38, "two shapes matched one municipality");
        assert!(shapes.iter().all(|s| s.path.starts_with('M') && s.path.ends_with('Z')));
        // Kosovo is taller than wide once longitudes are shortened: the map is portrait-ish.
        assert!(height > 400.0 && height < 900.0, "{height}");
    }

    #[test]
    fn english_forms_of_the_file_name_the_reference_municipality() {
        let all = reference();
        let code = |n: &str| find_municipality(&all, reference_name(n)).map(|m| m.code.clone());
        assert_eq!(code("Municipality of Pristina").as_deref(), Some("prishtine"));
        assert_eq!(code("Municipality of North Mitrovica").as_deref(), Some("mitrovice-e-veriut"));
        assert_eq!(code("Municipality of Partesh").as_deref(), Some("partesh"));
    }

    #[test]
    fn shades_grow_with_the_count() {
        assert_eq!(shade(0, 10), 0);
        assert_eq!(shade(1, 10), 1);
        assert_eq!(shade(10, 10), 4);
        assert!(shade(5, 10) <= shade(6, 10));
        assert_eq!(shade(1, 1), 1);
    }
}
