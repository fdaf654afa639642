package com.example.webex.client;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.CollectionUtils;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Central class for calling the Webex REST API on behalf of the signed-in user.
 */
public class WebexClient {

	static final String PEOPLE_ME = "/people/me";

	static final String ROOMS = "/rooms";

	/** The most Webex allows per page. */
	static final int ROOMS_PAGE_SIZE = 1000;

	/**
	 * Far beyond any real user (100,000 rooms); stops a Webex paging bug from running on.
	 */
	static final int MAX_PAGES = 100;

	private static final Logger logger = LoggerFactory.getLogger(WebexClient.class);

	private final RestClient restClient;

	private final URI apiBaseUrl;

	private final WebexProperties.Http http;

	private final WebexRetry retry;

	private final RateLimitedUsers rateLimitedUsers = new RateLimitedUsers();

	private final URI peopleMe;

	private final URI firstRoomsPage;

	/**
	 * Create a client.
	 * @param restClient a client that sets the user's bearer token (see
	 * {@link WebexRequestInterceptor}) and logs and times each exchange; built by
	 * {@link WebexHttp}
	 * @param apiBaseUrl the Webex API base, e.g. {@code https://webexapis.com/v1}: every
	 * call's URI is built on it, and next-page links elsewhere are refused
	 * @param http the retry bounds and the request deadline
	 */
	WebexClient(RestClient restClient, URI apiBaseUrl, WebexProperties.Http http) {
		this.restClient = restClient;
		this.apiBaseUrl = apiBaseUrl;
		this.http = http;
		this.retry = new WebexRetry(http, this.rateLimitedUsers);
		this.peopleMe = uri(PEOPLE_ME, new LinkedMultiValueMap<>());
		this.firstRoomsPage = uri(ROOMS, ROOMS_PARAMS);
	}

	/**
	 * The signed-in user's profile ({@code GET /people/me}, scope
	 * {@code spark:people_read}).
	 * @return the profile
	 * @throws WebexApiException if Webex fails or answers with something unusable
	 */
	public Person me() {
		return get(PEOPLE_ME, this.peopleMe, Person.class, RequestBudget.current(this.http), OnRateLimit.WAIT)
			.getBody();
	}

	/**
	 * Every room the signed-in user belongs to ({@code GET /rooms}, scope
	 * {@code spark:rooms_read}), all pages. For a filter or an order, use
	 * {@code list("/rooms", Map.of("type", "group"), Room.class)}.
	 * @return the rooms in Webex's order
	 * @throws WebexApiException if Webex fails or answers with something unusable
	 */
	public List<Room> rooms() {
		return rooms(OnRateLimit.WAIT);
	}

	/**
	 * Every room the signed-in user belongs to, all pages, choosing what a rate limit
	 * does.
	 * @param onRateLimit whether to wait out a 429 (within the request's budget) or fail
	 * at once
	 * @return the rooms in Webex's order
	 * @throws WebexApiException if Webex fails or answers with something unusable
	 */
	public List<Room> rooms(OnRateLimit onRateLimit) {
		return pages(ROOMS, this.firstRoomsPage, ROOMS_PARAMS, ROOM_LIST, onRateLimit);
	}

	/**
	 * Any other Webex resource, with the acting user's token, e.g.
	 * {@code get("/rooms/{roomId}", Map.of(), Room.class, roomId)}: retried, bounded and
	 * logged like every call of this client.
	 * @param endpoint the path below the API base, a URI template; it also names the call
	 * in metrics and logs, so keep identifiers in variables
	 * @param query query parameters
	 * @param type the record to read the body into (unknown fields are ignored)
	 * @param uriVariables values for the template's variables
	 * @return the body
	 * @throws WebexApiException if Webex fails or answers with something unusable
	 */
	public <T> T get(String endpoint, Map<String, ?> query, Class<T> type, Object... uriVariables) {
		return get(endpoint, uri(endpoint, query, uriVariables), type, RequestBudget.current(this.http),
				OnRateLimit.WAIT)
			.getBody();
	}

	/**
	 * Every item of any Webex list endpoint (a body of {@code {"items": [...]}}), all
	 * pages, following {@code Link: rel="next"} with Webex's known defects repaired, e.g.
	 * {@code list("/memberships", Map.of("roomId", roomId), Membership.class)}.
	 * @param endpoint the path below the API base, a URI template
	 * @param query query parameters, kept on every page
	 * @param itemType the record to read each item into
	 * @param uriVariables values for the template's variables
	 * @return the items in Webex's order
	 * @throws WebexApiException if Webex fails or answers with something unusable
	 */
	public <T> List<T> list(String endpoint, Map<String, ?> query, Class<T> itemType, Object... uriVariables) {
		MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
		query.forEach((name, value) -> params.add(name, String.valueOf(value)));
		ResolvableType listType = ResolvableType.forClassWithGenerics(ItemList.class, itemType);
		return pages(endpoint, uri(endpoint, query, uriVariables), params,
				ParameterizedTypeReference.forType(listType.getType()), OnRateLimit.WAIT);
	}

	private <T> List<T> pages(String endpoint, URI first, MultiValueMap<String, String> params,
			ParameterizedTypeReference<ItemList<T>> type, OnRateLimit onRateLimit) {
		// one budget for every page: a 5-page list must not wait 5 times as long
		RequestBudget budget = RequestBudget.current(this.http);
		List<T> items = new ArrayList<>();
		Set<URI> requested = new HashSet<>();
		URI page = first;
		while (page != null) {
			requested.add(page);
			long start = System.nanoTime();
			ResponseEntity<ItemList<T>> response = get(endpoint, page, type, budget, onRateLimit);
			ItemList<T> body = response.getBody();
			if (body.items() == null) {
				throw failed(malformed(endpoint, response, "no items in the list", null), start);
			}
			items.addAll(body.items());
			page = nextPage(endpoint, page, response, params, requested, start);
		}
		return items;
	}

	private @Nullable URI nextPage(String endpoint, URI page, ResponseEntity<?> response,
			MultiValueMap<String, String> params, Set<URI> requested, long start) {
		Optional<URI> next;
		try {
			next = NextPageLinks.next(page, response.getHeaders(), params);
		}
		catch (IllegalArgumentException ex) {
			throw failed(malformed(endpoint, response, "unreadable next-page link", ex), start);
		}
		if (next.isEmpty()) {
			return null;
		}
		if (!NextPageLinks.sameOrigin(next.get(), this.apiBaseUrl)) {
			// the bearer token must never travel to another host
			throw failed(
					malformed(endpoint, response, "next-page link points away from " + origin(this.apiBaseUrl), null),
					start);
		}
		if (requested.contains(next.get())) {
			throw failed(malformed(endpoint, response, "next-page link repeats an earlier page", null), start);
		}
		if (requested.size() >= MAX_PAGES) {
			throw failed(malformed(endpoint, response, "more than " + MAX_PAGES + " pages", null), start);
		}
		return next.get();
	}

	private URI uri(String endpoint, MultiValueMap<String, String> params) {
		return UriComponentsBuilder.fromUri(this.apiBaseUrl).path(endpoint).queryParams(params).build(true).toUri();
	}

	private URI uri(String endpoint, Map<String, ?> query, Object... uriVariables) {
		UriComponentsBuilder builder = UriComponentsBuilder.fromUri(this.apiBaseUrl).path(endpoint);
		query.forEach(builder::queryParam);
		return builder.encode().buildAndExpand(uriVariables).toUri();
	}

	/**
	 * How long the incoming request being served may still spend on Webex, e.g. waiting
	 * for a fetch another request started; the whole {@code webex.http.request-deadline}
	 * outside a request.
	 * @return the time left, zero once the deadline has passed
	 */
	public Duration timeLeft() {
		return RequestBudget.current(this.http).remaining();
	}

	/**
	 * How long Webex's last rate limit for the signed-in user still lasts: until then
	 * their calls are not sent (see {@link OnRateLimit}).
	 * @return the time left, empty when the user is not rate-limited
	 */
	public Optional<Duration> rateLimitLeft() {
		return Optional.ofNullable(this.rateLimitedUsers.current(currentUser())).map(RateLimitedUsers.Limit::remaining);
	}

	private <T> ResponseEntity<T> get(String endpoint, URI uri, Class<T> type, RequestBudget budget,
			OnRateLimit onRateLimit) {
		return get(endpoint, uri, ParameterizedTypeReference.forType(type), budget, onRateLimit);
	}

	private <T> ResponseEntity<T> get(String endpoint, URI uri, ParameterizedTypeReference<T> type,
			RequestBudget budget, OnRateLimit onRateLimit) {
		long start = System.nanoTime();
		try {
			return this.retry.call(endpoint, budget, currentUser(), onRateLimit, () -> exchange(endpoint, uri, type));
		}
		catch (WebexApiException ex) {
			throw failed(ex, start);
		}
	}

	/**
	 * One HTTP exchange (the call log names it by {@code endpoint}); any failure becomes
	 * a {@link WebexApiException}.
	 */
	private <T> ResponseEntity<T> exchange(String endpoint, URI uri, ParameterizedTypeReference<T> type) {
		try {
			return this.restClient.get()
				.uri(uri)
				.attribute(WebexCallLog.ENDPOINT_ATTRIBUTE, endpoint)
				.accept(MediaType.APPLICATION_JSON)
				.exchangeForRequiredValue((request, clientResponse) -> read(endpoint, clientResponse, type));
		}
		catch (ResourceAccessException ex) {
			IOException failure = (ex.getCause() instanceof IOException io) ? io : new IOException("no response");
			throw WebexApiException.fromIoFailure(endpoint, failure);
		}
	}

	private <T> ResponseEntity<T> read(String endpoint, ConvertibleClientHttpResponse response,
			ParameterizedTypeReference<T> type) throws IOException {
		HttpStatusCode status = response.getStatusCode();
		HttpHeaders headers = HttpHeaders.copyOf(response.getHeaders());
		if (!status.is2xxSuccessful()) {
			throw WebexApiException.fromResponse(endpoint, status, headers, errorBody(response));
		}
		T body;
		try {
			body = response.bodyTo(type);
		}
		catch (RestClientException ex) {
			IOException ioFailure = ioCause(ex);
			if (ioFailure != null) {
				throw ioFailure;
			}
			throw WebexApiException.malformed(endpoint, status, headers, "unreadable response body", ex);
		}
		if (body == null) {
			throw WebexApiException.malformed(endpoint, status, headers, "empty response body", null);
		}
		return new ResponseEntity<>(body, headers, status);
	}

	private static @Nullable WebexErrorBody errorBody(ConvertibleClientHttpResponse response) {
		try {
			return response.bodyTo(WebexErrorBody.class);
		}
		catch (RestClientException ex) {
			// the status alone tells what happened (e.g. an HTML page from a proxy)
			return null;
		}
	}

	private static @Nullable IOException ioCause(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof IOException io) {
				return io;
			}
		}
		return null;
	}

	/**
	 * Logs a call that failed for good; the latency covers all its attempts and waits.
	 */
	private WebexApiException failed(WebexApiException failure, long start) {
		long latencyMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
		HttpStatusCode status = failure.getStatus();
		logger.atWarn()
			.addKeyValue(WebexCallLog.ENDPOINT, failure.getEndpoint())
			.addKeyValue(WebexCallLog.STATUS, (status != null) ? String.valueOf(status.value()) : WebexCallLog.IO_ERROR)
			.addKeyValue(WebexCallLog.LATENCY_MS, latencyMillis)
			.addKeyValue(WebexCallLog.TRACKING_ID, failure.getTrackingId())
			.log("{} after {} ms", failure.getMessage(), latencyMillis);
		return failure;
	}

	private static WebexApiException malformed(String endpoint, ResponseEntity<?> response, String problem,
			@Nullable Throwable cause) {
		return WebexApiException.malformed(endpoint, response.getStatusCode(), response.getHeaders(), problem, cause);
	}

	/** Rate limits are per user: the acting user's person id, {@code null} if none. */
	private static @Nullable String currentUser() {
		return ActingUser.current().orElse(null);
	}

	private static String origin(URI uri) {
		return uri.getScheme() + "://" + uri.getAuthority();
	}

	private static final MultiValueMap<String, String> ROOMS_PARAMS = CollectionUtils
		.unmodifiableMultiValueMap(new LinkedMultiValueMap<>(Map.of("max", List.of(String.valueOf(ROOMS_PAGE_SIZE)))));

	private static final ParameterizedTypeReference<ItemList<Room>> ROOM_LIST = new ParameterizedTypeReference<>() {
	};

	/** The body of Webex's list endpoints, e.g. {@code GET /rooms}. */
	record ItemList<T>(List<T> items) {

	}

}
