package io.tiergate.local;

import java.net.URI;

/** How to reach an S3 API endpoint (S3Proxy locally): path-style, static credentials. */
public record S3Endpoint(URI endpoint, String region, String accessKey, String secretKey) {
}
