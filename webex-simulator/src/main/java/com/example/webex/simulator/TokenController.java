package com.example.webex.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.example.webex.simulator.AuthorizationCodes.Consent;
import com.example.webex.simulator.SimulatorProperties.TokenErrorFormat;
import com.example.webex.simulator.SimulatorStats.Counter;
import com.example.webex.simulator.TokenAuthority.IssuedTokens;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The token endpoint ({@code POST /v1/access_token}): authorization-code and
 * refresh-token grants, with client authentication by form fields or HTTP Basic.
 */
@RestController
class TokenController {

	private static final Pattern CODE_VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

	private static final String BASIC = "Basic ";

	private final SimulatorProperties properties;

	private final SimulatorSettings settings;

	private final AuthorizationCodes codes;

	private final TokenAuthority authority;

	private final SimulatorStats stats;

	private final RegisteredRedirectUris redirectUris;

	TokenController(SimulatorProperties properties, SimulatorSettings settings, AuthorizationCodes codes,
			TokenAuthority authority, SimulatorStats stats, RegisteredRedirectUris redirectUris) {
		this.properties = properties;
		this.settings = settings;
		this.codes = codes;
		this.authority = authority;
		this.stats = stats;
		this.redirectUris = redirectUris;
	}

	@PostMapping("/v1/access_token")
	ResponseEntity<TokenResponse> token(@RequestParam MultiValueMap<String, String> params,
			HttpServletRequest request) {
		this.settings.applyTokenLatency();
		if (!MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(contentType(request))) {
			throw OAuthErrorException.invalidRequest("The request body must be application/x-www-form-urlencoded.");
		}
		authenticateClient(request.getHeader(HttpHeaders.AUTHORIZATION), params);
		String grantType = single(params, "grant_type");
		IssuedTokens tokens;
		if ("authorization_code".equals(grantType)) {
			this.stats.increment(Counter.TOKEN_CODE_EXCHANGES);
			tokens = exchangeCode(params);
		}
		else if ("refresh_token".equals(grantType)) {
			this.stats.increment(Counter.TOKEN_REFRESHES);
			tokens = this.authority.refresh(required(params, "refresh_token"), Scopes.parse(single(params, "scope")));
		}
		else if (grantType == null) {
			throw OAuthErrorException.invalidRequest("The grant_type parameter is missing.");
		}
		else {
			throw new OAuthErrorException(HttpStatus.BAD_REQUEST, "unsupported_grant_type",
					"The grant_type is not supported.");
		}
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.PRAGMA, "no-cache")
			.body(TokenResponse.of(tokens, this.settings.omitTokenType()));
	}

	private void authenticateClient(String authorization, MultiValueMap<String, String> params) {
		String clientId;
		String clientSecret;
		if (authorization != null && authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
			if (params.containsKey("client_secret")) {
				throw OAuthErrorException.invalidRequest("Use only one client authentication method.");
			}
			String[] pair = basicCredentials(authorization.substring(BASIC.length()).trim());
			clientId = pair[0];
			clientSecret = pair[1];
			String formClientId = single(params, "client_id");
			if (formClientId != null && !formClientId.equals(clientId)) {
				throw OAuthErrorException.invalidClient();
			}
		}
		else {
			clientId = single(params, "client_id");
			clientSecret = single(params, "client_secret");
		}
		if (!this.properties.clientId().equals(clientId) || clientSecret == null
				|| !MessageDigest.isEqual(this.properties.clientSecret().getBytes(StandardCharsets.UTF_8),
						clientSecret.getBytes(StandardCharsets.UTF_8))) {
			throw OAuthErrorException.invalidClient();
		}
	}

	/** RFC 6749 §2.3.1: both halves are form-urlencoded before Base64. */
	private static String[] basicCredentials(String encoded) {
		try {
			String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			if (colon < 0) {
				throw OAuthErrorException.invalidClient();
			}
			return new String[] { URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
					URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8) };
		}
		catch (IllegalArgumentException ex) {
			throw OAuthErrorException.invalidClient();
		}
	}

	private IssuedTokens exchangeCode(MultiValueMap<String, String> params) {
		String code = required(params, "code");
		String redirectUri = single(params, "redirect_uri");
		String codeVerifier = single(params, "code_verifier");
		Consent consent = this.codes.redeem(code)
			.orElseThrow(() -> rejectedCode("The authorization code is invalid, expired or already used."));
		if (!consent.clientId().equals(this.properties.clientId())) {
			throw rejectedCode("The authorization code was issued to another client.");
		}
		if (!redirectUriMatches(consent.redirectUri(), redirectUri)) {
			throw rejectedCode("The redirect_uri does not match the authorization request.");
		}
		verifyProofKey(consent, codeVerifier);
		return this.authority.issue(consent.person(), consent.scopes());
	}

	private boolean redirectUriMatches(String authorized, String presented) {
		if (authorized != null) {
			return authorized.equals(presented);
		}
		return presented == null || this.redirectUris.list().equals(List.of(presented));
	}

	/** A refused code, with the error code the {@code rejectedCodeError} knob names. */
	private OAuthErrorException rejectedCode(String description) {
		return new OAuthErrorException(HttpStatus.BAD_REQUEST, this.settings.rejectedCodeError().code(), description);
	}

	private void verifyProofKey(Consent consent, String codeVerifier) {
		if (consent.codeChallenge() == null) {
			// a verifier without a challenge hints at a PKCE downgrade
			if (codeVerifier != null) {
				throw rejectedCode("The authorization request had no code_challenge.");
			}
			return;
		}
		if (codeVerifier == null || !CODE_VERIFIER.matcher(codeVerifier).matches()) {
			throw rejectedCode("A valid code_verifier is required.");
		}
		String expected = "S256".equals(consent.codeChallengeMethod()) ? s256(codeVerifier) : codeVerifier;
		if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
				consent.codeChallenge().getBytes(StandardCharsets.US_ASCII))) {
			throw rejectedCode("The code_verifier does not match the code_challenge.");
		}
	}

	private static String s256(String codeVerifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(codeVerifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is unavailable", ex);
		}
	}

	private static String required(MultiValueMap<String, String> params, String name) {
		String value = single(params, name);
		if (value == null || value.isEmpty()) {
			throw OAuthErrorException.invalidRequest("The " + name + " parameter is missing.");
		}
		return value;
	}

	private static String single(MultiValueMap<String, String> params, String name) {
		List<String> values = params.get(name);
		if (values == null) {
			return null;
		}
		if (values.size() > 1) {
			throw OAuthErrorException.invalidRequest("The " + name + " parameter is repeated.");
		}
		return values.get(0);
	}

	private static MediaType contentType(HttpServletRequest request) {
		try {
			return (request.getContentType() != null) ? MediaType.parseMediaType(request.getContentType()) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> oauthError(OAuthErrorException ex, HttpServletRequest request,
			HttpServletResponse response) {
		this.stats.increment(Counter.TOKEN_ERRORS);
		this.stats.increment(Counter.ERRORS);
		Map<String, Object> body = new LinkedHashMap<>();
		if (this.settings.tokenErrorFormat() == TokenErrorFormat.WEBEX) {
			WebexErrors.Envelope envelope = WebexErrors.Envelope.of(ex.getMessage(), ex.getMessage(),
					TrackingIds.of(request, response));
			body.put("message", envelope.message());
			body.put("errors", envelope.errors());
			body.put("trackingId", envelope.trackingId());
			body.put("error", ex.error());
		}
		else {
			body.put("error", ex.error());
			body.put("error_description", ex.getMessage());
		}
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(ex.status())
			.contentType(MediaType.APPLICATION_JSON)
			.cacheControl(CacheControl.noStore());
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (ex.status().value() == 401 && authorization != null
				&& authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
			builder.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"webexapis.com\"");
		}
		return builder.body(body);
	}

	/**
	 * A successful token response (RFC 6749 §5.1 plus Webex's refresh-token expiry).
	 *
	 * @param accessToken the access token
	 * @param expiresIn seconds the access token is valid
	 * @param refreshToken the refresh token
	 * @param refreshTokenExpiresIn seconds the refresh token is valid
	 * @param tokenType {@code Bearer}, or {@code null} to leave the field out
	 * @param scope the granted scopes, space-separated
	 */
	record TokenResponse(@JsonProperty("access_token") String accessToken, @JsonProperty("expires_in") long expiresIn,
			@JsonProperty("refresh_token") String refreshToken,
			@JsonProperty("refresh_token_expires_in") long refreshTokenExpiresIn,
			@JsonProperty("token_type") @JsonInclude(JsonInclude.Include.NON_NULL) String tokenType,
			@JsonProperty("scope") String scope) {

		static TokenResponse of(IssuedTokens tokens, boolean omitTokenType) {
			return new TokenResponse(tokens.accessToken(), tokens.expiresIn(), tokens.refreshToken(),
					tokens.refreshTokenExpiresIn(), omitTokenType ? null : "Bearer", String.join(" ", tokens.scopes()));
		}

	}

}
