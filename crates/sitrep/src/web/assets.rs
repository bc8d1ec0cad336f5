//! The page and its assets, compiled into the binary.
//!
//! `assets/app/` holds the app's own HTML, CSS and JavaScript; `assets/vendor/`
//! the third-party libraries and boundaries copied from npm by
//! `scripts/vendor_web.sh` (licences in `assets/vendor/licenses/`).

use axum::{
    http::{header, HeaderValue},
    response::{IntoResponse, Response},
    routing::get,
    Router,
};

/// `(url path, content type, bytes)` of every static asset.
pub const ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "/",
        "text/html; charset=utf-8",
        include_bytes!("../../assets/app/index.html"),
    ),
    (
        "/app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/app/app.js"),
    ),
    (
        "/app.css",
        "text/css; charset=utf-8",
        include_bytes!("../../assets/app/app.css"),
    ),
    (
        "/favicon.svg",
        "image/svg+xml",
        include_bytes!("../../assets/app/favicon.svg"),
    ),
    (
        "/vendor/leaflet/leaflet.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/vendor/leaflet/leaflet.js"),
    ),
    (
        "/vendor/leaflet/leaflet.css",
        "text/css; charset=utf-8",
        include_bytes!("../../assets/vendor/leaflet/leaflet.css"),
    ),
    (
        "/vendor/leaflet/images/layers.png",
        "image/png",
        include_bytes!("../../assets/vendor/leaflet/images/layers.png"),
    ),
    (
        "/vendor/leaflet/images/layers-2x.png",
        "image/png",
        include_bytes!("../../assets/vendor/leaflet/images/layers-2x.png"),
    ),
    (
        "/vendor/leaflet/images/marker-icon.png",
        "image/png",
        include_bytes!("../../assets/vendor/leaflet/images/marker-icon.png"),
    ),
    (
        "/vendor/leaflet/images/marker-icon-2x.png",
        "image/png",
        include_bytes!("../../assets/vendor/leaflet/images/marker-icon-2x.png"),
    ),
    (
        "/vendor/leaflet/images/marker-shadow.png",
        "image/png",
        include_bytes!("../../assets/vendor/leaflet/images/marker-shadow.png"),
    ),
    (
        "/vendor/markercluster/leaflet.markercluster.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/vendor/markercluster/leaflet.markercluster.js"),
    ),
    (
        "/vendor/markercluster/MarkerCluster.css",
        "text/css; charset=utf-8",
        include_bytes!("../../assets/vendor/markercluster/MarkerCluster.css"),
    ),
    (
        "/vendor/markercluster/MarkerCluster.Default.css",
        "text/css; charset=utf-8",
        include_bytes!("../../assets/vendor/markercluster/MarkerCluster.Default.css"),
    ),
    (
        "/vendor/topojson/topojson-client.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/vendor/topojson/topojson-client.min.js"),
    ),
    (
        "/vendor/geo/countries-50m.topo.json",
        "application/json",
        include_bytes!("../../assets/vendor/geo/countries-50m.topo.json"),
    ),
    (
        "/vendor/geo/ukraine-admin1.geojson",
        "application/geo+json",
        include_bytes!("../../assets/vendor/geo/ukraine-admin1.geojson"),
    ),
];

fn respond(ctype: &'static str, body: &'static [u8], cache: bool) -> Response {
    let mut r = ([(header::CONTENT_TYPE, ctype)], body).into_response();
    if cache {
        // Vendored files change only with the binary.
        r.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=86400"),
        );
    }
    r
}

/// Routes serving every entry of [`ASSETS`].
pub fn routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
    let mut r = Router::new();
    for &(path, ctype, body) in ASSETS {
        let cache = path.starts_with("/vendor/");
        r = r.route(
            path,
            get(move || async move { respond(ctype, body, cache) }),
        );
    }
    r
}
