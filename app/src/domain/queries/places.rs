//! Which desa a point is in, as a suggestion: the desa (or kelurahan) whose centre is
//! nearest. The centres are shipped in `data/batang-titik-desa.csv`, one per region code
//! (`data/README.md` says where they come from). Without the desa boundaries a point near a
//! border may lie in the neighbour, so the form offers the answer as a suggestion the
//! resident checks, never as a fact.

use std::sync::OnceLock;

use crate::domain::{AppState, queries::reference::Reference};
use crate::model::{AppError, ErrorCode, issue::PlaceSuggestion, issue::parse_point};

const CENTRES_CSV: &str = include_str!("../data/batang-titik-desa.csv");

/// A point further than this from every centre is not near any desa we know.
const FARTHEST_KM: f64 = 8.0;

/// (region code, latitude, longitude), read once.
fn centres() -> &'static [(String, f64, f64)] {
    static CENTRES: OnceLock<Vec<(String, f64, f64)>> = OnceLock::new();
    CENTRES.get_or_init(|| {
        CENTRES_CSV
            .lines()
            .skip(1)
            .filter_map(|line| {
                let mut parts = line.split(',');
                let code = parts.next()?.trim().to_owned();
                let lat = parts.next()?.trim().parse().ok()?;
                let lon = parts.next()?.trim().parse().ok()?;
                Some((code, lat, lon))
            })
            .collect()
    })
}

/// Kilometres between two nearby points (equirectangular: exact enough inside a regency).
fn km_between((lat1, lon1): (f64, f64), (lat2, lon2): (f64, f64)) -> f64 {
    const EARTH_KM: f64 = 6371.0;
    let mean = ((lat1 + lat2) / 2.0).to_radians();
    let x = (lon2 - lon1).to_radians() * mean.cos();
    let y = (lat2 - lat1).to_radians();
    EARTH_KM * x.hypot(y)
}

/// The code of the desa whose centre is nearest `point`, and how far it is, if one is
/// within `FARTHEST_KM`.
pub fn nearest_code(point: (f64, f64)) -> Option<(&'static str, f64)> {
    centres()
        .iter()
        .map(|(code, lat, lon)| (code.as_str(), km_between(point, (*lat, *lon))))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .filter(|(_, km)| *km <= FARTHEST_KM)
}

/// The desa and kecamatan (as the form's choices name them) suggested for a point.
pub fn suggest(reference: &Reference, point: (f64, f64)) -> Option<PlaceSuggestion> {
    let (code, km) = nearest_code(point)?;
    let desa = reference.region_by_code(code)?;
    let kecamatan = reference.region_by_code(desa.parent_code.as_deref()?)?;
    Some(PlaceSuggestion {
        desa_id: desa.id,
        desa: desa.name.clone(),
        kecamatan_id: kecamatan.id,
        kecamatan: kecamatan.name.clone(),
        km: (km * 10.0).round() / 10.0,
    })
}

/// The suggestion for the point typed or located on the form; a point outside Batang is
/// refused as the form refuses it, and a point near no known desa has no suggestion.
pub async fn suggestion(
    state: &AppState,
    latitude: &str,
    longitude: &str,
) -> Result<Option<PlaceSuggestion>, AppError> {
    let point = parse_point(latitude, longitude)
        .map_err(|code| AppError::field("latitude", code))?
        .ok_or_else(|| AppError::field("latitude", ErrorCode::Required))?;
    let reference = state.reference.get(&state.db).await?;
    Ok(suggest(&reference, point))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_desa_of_batang_has_a_centre_inside_the_regency() {
        assert_eq!(centres().len(), 248);
        for (code, lat, lon) in centres() {
            assert!(code.starts_with("33.25."), "{code}");
            assert!(parse_point(&lat.to_string(), &lon.to_string()).is_ok(), "{code}");
        }
    }

    #[test]
    fn a_point_is_nearest_its_own_desa_and_far_points_have_none() {
        // A few hundred metres from Silurah's centre (Wonotunggal).
        assert_eq!(nearest_code((-7.0915, 109.7640)).map(|(c, _)| c), Some("33.25.01.2001"));
        // Near the alun-alun of Batang: one of the town's kelurahan (kecamatan Batang).
        let (code, km) = nearest_code((-6.9080, 109.7300)).unwrap_or_default();
        assert!(code.starts_with("33.25.11.1"), "{code}");
        assert!(km < 2.0, "{km}");
        // The Java Sea off the coast.
        assert_eq!(nearest_code((-6.70, 109.90)), None);
    }

    #[test]
    fn distances_are_in_kilometres() {
        let km = km_between((-6.9, 109.7), (-7.0, 109.7));
        assert!((km - 11.12).abs() < 0.05, "{km}");
    }
}
