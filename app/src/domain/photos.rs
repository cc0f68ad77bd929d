//! Photos of an issue. Every upload is decoded and encoded again as a JPEG, which drops all
//! metadata (EXIF with its GPS position, XMP, comments) and anything that is not a picture.
//! The result is stored once under `DATA_DIR/photos`, named by the SHA-256 of its bytes,
//! with a small version for pages; both never change, so they are served with long cache
//! headers.

use crate::{
    domain::error::{OrInternal, internal},
    model::{
        AppError, ErrorCode,
        issue::{PHOTO_MAX_BYTES, PHOTO_MAX_COUNT},
    },
};
use image::{
    DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage, codecs::jpeg::JpegEncoder,
    imageops::FilterType,
};
use sha2::{Digest, Sha256};
use std::{io::Cursor, path::Path};

/// Longest side of the stored photo and of its small version, in pixels.
const FULL_SIDE: u32 = 1600;

const SMALL_SIDE: u32 = 480;

const JPEG_QUALITY: u8 = 80;

/// Pictures larger than this are refused before they are decoded (decompression bombs).
const MAX_DECODED_SIDE: u32 = 12_000;

const MAX_DECODE_BYTES: u64 = 400 * 1024 * 1024;

/// A stored photo: its name (the hash) and size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPhoto {
    pub hash: String,
    pub width: u32,
    pub height: u32,
}

/// The re-encoded photo, not yet stored.
pub struct Encoded {
    pub full: Vec<u8>,
    pub small: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Decodes a JPEG, PNG or WebP upload, turns it upright (the EXIF orientation of phone
/// cameras), shrinks it and encodes it again without any metadata. CPU-bound: call it from
/// a blocking thread.
pub fn reencode(upload: &[u8]) -> Result<Encoded, ErrorCode> {
    if upload.len() > PHOTO_MAX_BYTES {
        return Err(ErrorCode::PhotoTooLarge {
            max_mb: PHOTO_MAX_BYTES / (1024 * 1024),
        });
    }
    let mut reader = ImageReader::new(Cursor::new(upload))
        .with_guessed_format()
        .map_err(|_| ErrorCode::PhotoUnreadable)?;
    if !matches!(
        reader.format(),
        Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)
    ) {
        return Err(ErrorCode::PhotoUnreadable);
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DECODED_SIDE);
    limits.max_image_height = Some(MAX_DECODED_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| ErrorCode::PhotoUnreadable)?;
    let orientation = decoder.orientation().map_err(|_| ErrorCode::PhotoUnreadable)?;
    let mut picture = DynamicImage::from_decoder(decoder).map_err(|_| ErrorCode::PhotoUnreadable)?;
    picture.apply_orientation(orientation);
    let full = fit(&picture, FULL_SIDE);
    let small = fit(&picture, SMALL_SIDE);
    let (width, height) = full.dimensions();
    Ok(Encoded {
        full: jpeg(&full)?,
        small: jpeg(&small)?,
        width,
        height,
    })
}

/// The picture shrunk to fit `side` (never enlarged), on white where it was transparent.
fn fit(picture: &DynamicImage, side: u32) -> RgbImage {
    let resized = if picture.width() > side || picture.height() > side {
        picture.resize(side, side, FilterType::Triangle)
    } else {
        picture.clone()
    };
    if !resized.color().has_alpha() {
        return resized.to_rgb8();
    }
    let rgba = resized.to_rgba8();
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let over_white = |c: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
        image::Rgb([over_white(r), over_white(g), over_white(b)])
    })
}

fn jpeg(picture: &RgbImage) -> Result<Vec<u8>, ErrorCode> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
        .encode_image(picture)
        .map_err(|_| ErrorCode::PhotoUnreadable)?;
    Ok(out)
}

/// A photo's name is 64 lowercase hex digits; anything else names no photo.
pub fn is_photo_hash(candidate: &str) -> bool {
    candidate.len() == 64 && candidate.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Width and height of a stored photo, read from its JPEG header.
pub fn photo_size(dir: &Path, hash: &str) -> Result<(i32, i32), AppError> {
    image::image_dimensions(photo_path(dir, hash, false))
        .map(|(w, h)| (w as i32, h as i32))
        .or_internal("reading a stored photo's size")
}

pub fn photo_path(dir: &Path, hash: &str, small: bool) -> std::path::PathBuf {
    dir.join(if small {
        format!("{hash}-s.jpg")
    } else {
        format!("{hash}.jpg")
    })
}

/// The name a re-encoded photo is stored under: the SHA-256 of its full version, in hex.
pub fn content_name(encoded: &Encoded) -> String {
    crate::domain::secrets::hex(&Sha256::digest(&encoded.full))
}

/// Re-encodes an upload and stores both versions (once: the same picture keeps its name).
/// A full disk is the sender's answer (`PhotoStorageFull`), and leaves nothing of this
/// photo behind: no temporary file, no one version without the other.
pub async fn store(dir: &Path, upload: Vec<u8>) -> Result<Result<StoredPhoto, ErrorCode>, AppError> {
    let encoded = match tokio::task::spawn_blocking(move || reencode(&upload)).await {
        Ok(Ok(encoded)) => encoded,
        Ok(Err(code)) => return Ok(Err(code)),
        Err(err) => return Err(internal("re-encoding a photo", err)),
    };
    let hash = content_name(&encoded);
    tokio::fs::create_dir_all(dir)
        .await
        .map_err(|err| internal("creating the photo folder", err))?;
    let mut written = Vec::new();
    for (small, bytes) in [(false, &encoded.full), (true, &encoded.small)] {
        let path = photo_path(dir, &hash, small);
        if tokio::fs::try_exists(&path).await.unwrap_or(false) {
            continue;
        }
        // Written whole under a temporary name, then renamed: a reader never sees half a file.
        let temporary = path.with_extension(format!("tmp{}", std::process::id()));
        let saved = match tokio::fs::write(&temporary, bytes).await {
            Ok(()) => tokio::fs::rename(&temporary, &path).await,
            Err(err) => Err(err),
        };
        if let Err(err) = saved {
            // Best effort: what is left is unreferenced and written again by the same photo.
            for leftover in std::iter::once(temporary).chain(written) {
                if let Err(error) = tokio::fs::remove_file(&leftover).await
                    && error.kind() != std::io::ErrorKind::NotFound
                {
                    tracing::warn!(%error, path = %leftover.display(), "a half-stored photo stays on disk");
                }
            }
            if matches!(
                err.kind(),
                std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
            ) {
                tracing::error!(%err, dir = %dir.display(), "the photo folder is full");
                return Ok(Err(ErrorCode::PhotoStorageFull));
            }
            return Err(internal("storing a photo", err));
        }
        written.push(path);
    }
    Ok(Ok(StoredPhoto {
        hash,
        width: encoded.width,
        height: encoded.height,
    }))
}

/// The hashes named in a form's `photos` field (space separated), checked: at most
/// `PHOTO_MAX_COUNT`, each naming a stored photo.
pub fn parse_photo_list(dir: &Path, value: &str) -> Result<Vec<String>, ErrorCode> {
    let mut hashes: Vec<String> = Vec::new();
    for hash in value.split_whitespace() {
        if !is_photo_hash(hash) || !photo_path(dir, hash, false).is_file() {
            return Err(ErrorCode::PhotoUnreadable);
        }
        if !hashes.iter().any(|h| h == hash) {
            hashes.push(hash.to_owned());
        }
    }
    if hashes.len() > PHOTO_MAX_COUNT {
        return Err(ErrorCode::TooManyPhotos { max: PHOTO_MAX_COUNT });
    }
    Ok(hashes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let picture = image::RgbaImage::from_pixel(width, height, image::Rgba([200, 10, 10, 128]));
        let mut out = Cursor::new(Vec::new());
        DynamicImage::ImageRgba8(picture)
            .write_to(&mut out, ImageFormat::Png)
            .unwrap_or_default();
        out.into_inner()
    }

    #[test]
    fn a_large_png_becomes_a_small_jpeg() {
        let Ok(encoded) = reencode(&png(3200, 1000)) else {
            panic!("a PNG must decode");
        };
        assert_eq!((encoded.width, encoded.height), (1600, 500));
        assert!(encoded.full.starts_with(&[0xFF, 0xD8]));
        assert!(encoded.small.len() < encoded.full.len());
    }

    #[test]
    fn what_is_not_a_picture_is_refused() {
        assert_eq!(
            reencode(b"<svg onload=alert(1)>").err(),
            Some(ErrorCode::PhotoUnreadable)
        );
        let mut truncated = png(64, 64);
        truncated.truncate(60);
        assert_eq!(reencode(&truncated).err(), Some(ErrorCode::PhotoUnreadable));
    }

    #[test]
    fn only_hex_hashes_name_photos() {
        assert!(is_photo_hash(&"a".repeat(64)));
        assert!(!is_photo_hash("../../etc/passwd"));
        assert!(!is_photo_hash(&"A".repeat(64)));
    }
}
