//! The CSV files the admin imports: a header checked by name, rows numbered as a
//! spreadsheet shows them.

use crate::model::{AppError, ErrorCode};

/// A CSV import stopped at `line` (1 is the header).
pub(crate) fn csv_refused(line: usize) -> AppError {
    AppError::field("csv", ErrorCode::CsvLine { line })
}

/// The rows of an imported CSV whose first three columns are `header`, each with its line
/// number; a missing header, a malformed row or a row with fewer than three columns
/// refuses the whole file.
pub(crate) fn csv_rows(
    csv_text: &str,
    header: [&str; 3],
) -> Result<Vec<(usize, [String; 3], csv::StringRecord)>, AppError> {
    if csv_text.trim().is_empty() {
        return Err(AppError::field("csv", ErrorCode::Required));
    }
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(csv_text.as_bytes());
    let header_ok = reader.headers().map(|h| h.iter().take(3).eq(header)).unwrap_or(false);
    if !header_ok {
        return Err(csv_refused(1));
    }
    reader
        .records()
        .enumerate()
        .map(|(n, record)| {
            let line = n + 2;
            let record = record.map_err(|_| csv_refused(line))?;
            match (record.get(0), record.get(1), record.get(2)) {
                (Some(a), Some(b), Some(c)) => Ok((line, [a.to_owned(), b.to_owned(), c.to_owned()], record)),
                _ => Err(csv_refused(line)),
            }
        })
        .collect()
}
