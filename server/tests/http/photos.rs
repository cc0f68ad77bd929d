//! Photos: re-encoded without EXIF (GPS included), stored by content hash, served with
//! long cache headers, refused with a clear message that keeps the form; and the place
//! fields of an issue.

use std::io::Cursor;

use app::{domain::entities::issue_photo, model::account::Role};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::{
    issues::Choices,
    on_both_databases,
    support::{Db, TestApp},
};

on_both_databases!(
    a_photo_loses_its_gps_exif_and_is_served_with_long_cache_headers,
    an_unreadable_or_too_large_photo_is_refused_and_the_form_kept,
    a_confidential_issues_photo_is_not_served_to_others,
    an_address_and_a_point_are_kept_and_checked,
    a_full_disk_keeps_nothing_of_the_photo_and_says_so,
);

/// The disk is full: the photo's temporary file is made to point at `/dev/full`, which
/// refuses every write with "no space left on device", as a full disk does.
async fn a_full_disk_keeps_nothing_of_the_photo_and_says_so(db: Db) {
    use app::domain::photos;
    let app = TestApp::start(db).await;
    resident(&app).await;
    let choices = Choices::load(&app).await;
    let title = "Jembatan bambu ke sawah putus";
    let form = choices.form(title, "Jembatan bambu ke sawah putus terbawa banjir semalam.");
    let photo = jpeg_with_gps();
    let name = photos::content_name(&photos::reencode(&photo).unwrap());
    let dir = app.state.config.photo_dir.clone();
    std::fs::create_dir_all(&dir).unwrap();
    let temporary = dir.join(format!("{name}.tmp{}", std::process::id()));
    std::os::unix::fs::symlink("/dev/full", &temporary).unwrap();

    let (status, _, page) = app
        .post_multipart(
            "/issues/new",
            "/api/issue/create",
            &form,
            &[("jembatan.jpg", photo.clone())],
        )
        .await;
    assert_eq!(status, 507);
    assert!(page.contains("Penyimpanan foto di server sedang penuh"), "{page}");
    assert!(page.contains(title), "the form is kept");
    let left: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(left.is_empty(), "nothing of the photo is left: {left:?}");
    assert!(issue_photo::Entity::find().all(&app.state.db).await.unwrap().is_empty());

    // Room again: the same form goes through, photo and all.
    let (status, _, body) = app
        .post_multipart("/issues/new", "/api/issue/create", &form, &[("jembatan.jpg", photo)])
        .await;
    assert_eq!(status, 303, "{body}");
    assert!(photos::photo_path(&dir, &name, false).exists() && photos::photo_path(&dir, &name, true).exists());
    app.cleanup().await;
}

/// A real JPEG (a gradient) carrying an EXIF block with a GPS position.
pub fn jpeg_with_gps() -> Vec<u8> {
    let picture = image::RgbImage::from_fn(800, 600, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
    let mut plain = Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(picture)
        .write_to(&mut plain, image::ImageFormat::Jpeg)
        .unwrap();
    let plain = plain.into_inner();

    // TIFF, little endian: IFD0 holds one entry pointing at the GPS IFD, which holds the
    // latitude reference "S" and a latitude of 6° 54' 28".
    let mut tiff: Vec<u8> = b"II\x2a\x00\x08\x00\x00\x00".to_vec();
    let entry = |tag: u16, kind: u16, count: u32, value: u32| {
        let mut e = Vec::new();
        e.extend(tag.to_le_bytes());
        e.extend(kind.to_le_bytes());
        e.extend(count.to_le_bytes());
        e.extend(value.to_le_bytes());
        e
    };
    let gps_ifd = 8 + 2 + 12 + 4;
    tiff.extend(1u16.to_le_bytes());
    tiff.extend(entry(0x8825, 4, 1, gps_ifd));
    tiff.extend(0u32.to_le_bytes());
    let rationals = gps_ifd + 2 + 2 * 12 + 4;
    tiff.extend(2u16.to_le_bytes());
    tiff.extend(entry(0x0001, 2, 2, u32::from_le_bytes(*b"S\0\0\0")));
    tiff.extend(entry(0x0002, 5, 3, rationals));
    tiff.extend(0u32.to_le_bytes());
    for (n, d) in [(6u32, 1u32), (54, 1), (28, 1)] {
        tiff.extend(n.to_le_bytes());
        tiff.extend(d.to_le_bytes());
    }
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(tiff);
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE1];
    jpeg.extend(((app1.len() + 2) as u16).to_be_bytes());
    jpeg.extend(app1);
    jpeg.extend(&plain[2..]);
    jpeg
}

pub fn has_exif(jpeg: &[u8]) -> bool {
    jpeg.windows(6).any(|w| w == b"Exif\0\0") || jpeg.windows(2).any(|w| w == [0xFF, 0xE1])
}

async fn resident(app: &TestApp) {
    app.create_account("foto@warga.test", Role::Resident, None).await;
    app.sign_in("foto@warga.test", "kata sandi staf").await;
}

async fn a_photo_loses_its_gps_exif_and_is_served_with_long_cache_headers(db: Db) {
    let app = TestApp::start(db).await;
    resident(&app).await;
    let original = jpeg_with_gps();
    assert!(has_exif(&original));
    assert!(
        image::load_from_memory(&original).is_ok(),
        "the test photo is a real JPEG"
    );

    let choices = Choices::load(&app).await;
    let form = choices.form(
        "Saluran air tersumbat sampah",
        "Air meluap ke jalan setiap hujan deras.",
    );
    let (status, location, body) = app
        .post_multipart(
            "/issues/new",
            "/api/issue/create",
            &form,
            &[("banjir.jpg", original.clone())],
        )
        .await;
    assert_eq!(status, 303, "{body}");
    let path = location.unwrap();
    let id: i32 = path.trim_start_matches("/issues/").parse().unwrap();
    let photos = issue_photo::Entity::find()
        .filter(issue_photo::Column::IssueId.eq(id))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(photos.len(), 1);
    assert_eq!((photos[0].width, photos[0].height), (800, 600));

    let (_, page) = app.get(&path).await;
    let small = format!("/photos/{}-s.jpg", photos[0].hash);
    assert!(page.contains(&small), "the page shows the small version");

    for file in [format!("/photos/{}.jpg", photos[0].hash), small] {
        let res = app.client.get(app.url(&file)).send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "image/jpeg");
        assert_eq!(res.headers()["cache-control"], "public, max-age=31536000, immutable");
        let etag = res.headers()["etag"].clone();
        let served = res.bytes().await.unwrap();
        assert!(!has_exif(&served), "no EXIF, no GPS");
        assert!(image::load_from_memory(&served).is_ok());
        let again = app
            .client
            .get(app.url(&file))
            .header("if-none-match", etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), 304);
    }
    assert_eq!(app.get("/photos/../../etc/passwd").await.0, 404);
    assert_eq!(app.get(&format!("/photos/{}.jpg", "0".repeat(64))).await.0, 404);
    app.cleanup().await;
}

async fn an_unreadable_or_too_large_photo_is_refused_and_the_form_kept(db: Db) {
    let app = TestApp::start(db).await;
    resident(&app).await;
    let choices = Choices::load(&app).await;
    let title = "Pohon tumbang menutup jalan desa";
    let form = choices.form(title, "Pohon besar tumbang sejak kemarin sore.");

    let (status, _, page) = app
        .post_multipart(
            "/issues/new",
            "/api/issue/create",
            &form,
            &[("bukan-foto.jpg", b"<svg onload=alert(1)>".to_vec())],
        )
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("Foto tidak bisa dibaca"), "{page}");
    assert!(page.contains(title), "the title is kept");

    let huge = vec![0xFFu8; 6 * 1024 * 1024];
    let (status, _, page) = app
        .post_multipart("/issues/new", "/api/issue/create", &form, &[("besar.jpg", huge)])
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("Foto terlalu besar"));
    assert!(page.contains(title));

    // A good photo with a mistake elsewhere: the photo is kept for the next try.
    let mut no_title = form.to_vec();
    no_title[0] = ("title", "");
    let (status, _, page) = app
        .post_multipart(
            "/issues/new",
            "/api/issue/create",
            &no_title,
            &[("ok.jpg", jpeg_with_gps())],
        )
        .await;
    assert_eq!(status, 422);
    let kept = page
        .split("name=\"photos\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    assert_eq!(kept.len(), 64, "{page}");
    let mut fixed = form.to_vec();
    fixed.push(("photos", &kept));
    let (status, _, body) = app
        .post_multipart("/issues/new", "/api/issue/create", &fixed, &[])
        .await;
    assert_eq!(status, 303, "{body}");

    let four: Vec<(&str, Vec<u8>)> = (0..4).map(|_| ("a.jpg", jpeg_with_gps())).collect();
    let mut other = form.to_vec();
    other[0] = ("title", "Empat foto sekaligus untuk satu aduan");
    let (status, _, page) = app
        .post_multipart("/issues/new", "/api/issue/create", &other, &four)
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("Paling banyak 3 foto"));
    app.cleanup().await;
}

async fn a_confidential_issues_photo_is_not_served_to_others(db: Db) {
    let app = TestApp::start(db).await;
    resident(&app).await;
    let choices = Choices::load(&app).await;
    let mut form = choices
        .form("Bukti kekerasan di rumah", "Foto luka sebagai bukti untuk petugas.")
        .to_vec();
    form.push(("privacy", "rahasia"));
    let (status, location, _) = app
        .post_multipart(
            "/issues/new",
            "/api/issue/create",
            &form,
            &[("luka.jpg", jpeg_with_gps())],
        )
        .await;
    assert_eq!(status, 303);
    let id: i32 = location.unwrap().trim_start_matches("/issues/").parse().unwrap();
    let hash = issue_photo::Entity::find()
        .filter(issue_photo::Column::IssueId.eq(id))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .hash;
    let file = format!("/photos/{hash}.jpg");
    let res = app.client.get(app.url(&file)).send().await.unwrap();
    assert_eq!(res.status(), 200, "the author");
    assert_eq!(res.headers()["cache-control"], "private, max-age=3600");
    app.post_form("/", "/api/account/logout", &[]).await;
    assert_eq!(app.get(&file).await.0, 404, "a visitor");
    app.create_account("tetangga@warga.test", Role::Resident, None).await;
    app.sign_in("tetangga@warga.test", "kata sandi staf").await;
    assert_eq!(app.get(&file).await.0, 404, "another resident");
    app.cleanup().await;
}

async fn an_address_and_a_point_are_kept_and_checked(db: Db) {
    let app = TestApp::start(db).await;
    resident(&app).await;
    let choices = Choices::load(&app).await;
    let mut form = choices
        .form(
            "Gorong-gorong ambles di tikungan",
            "Lubang besar di tepi jalan dekat masjid.",
        )
        .to_vec();
    form.extend([
        ("address", "Depan Masjid Al-Ikhlas, RT 02/RW 01"),
        ("latitude", "-6.2"),
        ("longitude", "106.8"),
    ]);
    let (status, _, page) = app.post_form("/issues/new", "/api/issue/create", &form).await;
    assert_eq!(status, 422);
    assert!(page.contains("Titik lokasi harus di Kabupaten Batang"));
    assert!(page.contains("Depan Masjid Al-Ikhlas"), "the address is kept");
    form.truncate(form.len() - 2);
    form.extend([("latitude", "-6,9078"), ("longitude", "109.7302")]);
    let (status, location, body) = app.post_form("/issues/new", "/api/issue/create", &form).await;
    assert_eq!(status, 303, "{body}");
    let (_, page) = app.get(&location.unwrap()).await;
    assert!(page.contains("Depan Masjid Al-Ikhlas") && page.contains("-6.90780, 109.73020"));
    assert!(page.contains("openstreetmap.org/?mlat=-6.9078&amp;mlon=109.7302"));
    app.cleanup().await;
}
