package com.example.webex.client;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.springframework.hateoas.IanaLinkRelations;
import org.springframework.hateoas.Link;
import org.springframework.hateoas.Links;
import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Finds the next page in Webex's {@code Link} headers and repairs its known defects: an
 * errant {@code max=null} and query parameters of the first request left out
 * (WebexPythonSDK #168).
 */
final class NextPageLinks {

	private static final String NULL_VALUE = "null";

	private NextPageLinks() {
	}

	/**
	 * The repaired next-page URI, if Webex sent one.
	 * @param current the URI of the page that carried the headers (relative links resolve
	 * against it)
	 * @param headers the headers of that page
	 * @param sentParams the query parameters of the first page, restored where the next
	 * link dropped them or set them to {@code null}
	 * @return the next page, or empty on the last page
	 * @throws IllegalArgumentException if a {@code Link} header or the next URI cannot be
	 * parsed
	 */
	static Optional<URI> next(URI current, HttpHeaders headers, MultiValueMap<String, String> sentParams) {
		List<String> values = headers.getOrEmpty(HttpHeaders.LINK);
		if (values.isEmpty()) {
			return Optional.empty();
		}
		// several Link headers may come, each with several comma-separated links
		Links links = Links.of(values.stream().flatMap((value) -> Links.parse(value).stream()).toList());
		return links.getLink(IanaLinkRelations.NEXT).map((link) -> repaired(current.resolve(href(link)), sentParams));
	}

	/**
	 * Whether both URIs have the same scheme, host and port, so sending the token to both
	 * is safe.
	 */
	static boolean sameOrigin(URI uri, URI other) {
		return uri.getScheme() != null && uri.getScheme().equalsIgnoreCase(other.getScheme()) && uri.getHost() != null
				&& uri.getHost().equalsIgnoreCase(other.getHost()) && port(uri) == port(other);
	}

	private static URI href(Link link) {
		// Webex's next links are already percent-encoded: take them as they are
		return URI.create(link.getHref().trim());
	}

	private static URI repaired(URI next, MultiValueMap<String, String> sentParams) {
		UriComponentsBuilder builder = UriComponentsBuilder.fromUri(next);
		MultiValueMap<String, String> nextParams = builder.build().getQueryParams();
		sentParams.forEach((name, values) -> {
			List<String> nextValues = nextParams.get(name);
			if (nextValues == null || nextValues.stream().allMatch(NULL_VALUE::equals)) {
				builder.replaceQueryParam(name, values.toArray());
			}
		});
		// toUriString() keeps Webex's encoding; encoding again would turn "%3D" into
		// "%253D"
		UriComponents components = builder.build();
		return URI.create(components.toUriString());
	}

	private static int port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

}
