package com.example.webex.client;

import java.net.URI;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link NextPageLinks}.
 */
class NextPageLinksTests {

	private static final URI CURRENT = URI.create("https://webexapis.com/v1/rooms?max=1000&type=group");

	private final MultiValueMap<String, String> sent = new LinkedMultiValueMap<>();

	NextPageLinksTests() {
		this.sent.add("max", "1000");
		this.sent.add("type", "group");
	}

	@Test
	void nextWhenNoLinkHeaderThenEmpty() {
		assertThat(NextPageLinks.next(CURRENT, new HttpHeaders(), this.sent)).isEmpty();
	}

	@Test
	void nextWhenOnlyOtherRelationsThenEmpty() {
		HttpHeaders headers = links("<https://webexapis.com/v1/rooms?max=1000>; rel=\"first\"",
				"<https://webexapis.com/v1/rooms?max=1000&before=x>; rel=\"prev\"");

		assertThat(NextPageLinks.next(CURRENT, headers, this.sent)).isEmpty();
	}

	@Test
	void nextWhenSeveralHeadersAndValuesThenPicksNext() {
		HttpHeaders headers = links("<https://webexapis.com/v1/rooms?max=1000>; rel=\"first\"",
				"<https://webexapis.com/v1/rooms?before=a&max=1000&type=group>; rel=\"prev\", "
						+ "<https://webexapis.com/v1/rooms?max=1000&type=group&after=b>; rel=\"next\"");

		assertThat(NextPageLinks.next(CURRENT, headers, this.sent))
			.contains(URI.create("https://webexapis.com/v1/rooms?max=1000&type=group&after=b"));
	}

	@Test
	void nextWhenLinkRelativeThenResolvedAgainstCurrentPage() {
		HttpHeaders headers = links("</v1/rooms?max=1000&type=group&after=b>; rel=\"next\"");

		assertThat(NextPageLinks.next(CURRENT, headers, this.sent))
			.contains(URI.create("https://webexapis.com/v1/rooms?max=1000&type=group&after=b"));
	}

	@Test
	void nextWhenCursorEncodedOrValuelessThenKeptAsSent() {
		HttpHeaders headers = links("<https://webexapis.com/v1/people?displayName=Harold&max=null&before"
				+ "&after=Y2lz%2Bb%2F%3D%3D>; rel=\"next\"");

		Optional<URI> next = NextPageLinks.next(CURRENT, headers, this.sent);

		assertThat(next).map(URI::getRawQuery)
			.contains("displayName=Harold&before&after=Y2lz%2Bb%2F%3D%3D&max=1000&type=group");
	}

	@Test
	void nextWhenLinkUnparseableThenIllegalArgument() {
		HttpHeaders headers = links("<https://webexapis.com/v1/rooms?after=a b>; rel=\"next\"");

		assertThatIllegalArgumentException().isThrownBy(() -> NextPageLinks.next(CURRENT, headers, this.sent));
	}

	@Test
	void sameOriginWhenOnlyPathOrImplicitPortDiffersThenTrue() {
		assertThat(NextPageLinks.sameOrigin(URI.create("https://WebexAPIs.com:443/v1/rooms?after=x"),
				URI.create("https://webexapis.com/v1")))
			.isTrue();
	}

	@Test
	void sameOriginWhenSchemeHostOrPortDiffersThenFalse() {
		URI base = URI.create("https://webexapis.com/v1");

		assertThat(NextPageLinks.sameOrigin(URI.create("http://webexapis.com/v1/rooms"), base)).isFalse();
		assertThat(NextPageLinks.sameOrigin(URI.create("https://webexapis.com.evil.example/v1/rooms"), base)).isFalse();
		assertThat(NextPageLinks.sameOrigin(URI.create("https://webexapis.com:8443/v1/rooms"), base)).isFalse();
	}

	private static HttpHeaders links(String... values) {
		HttpHeaders headers = new HttpHeaders();
		for (String value : values) {
			headers.add(HttpHeaders.LINK, value);
		}
		return headers;
	}

}
