package com.example.webex.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.util.MultiValueMap;

/**
 * The parameters of an authorization request ({@code GET /v1/authorize}), repeated as
 * hidden fields by the consent form.
 *
 * @param clientId {@code client_id}
 * @param redirectUri {@code redirect_uri}, {@code null} if absent
 * @param responseType {@code response_type}
 * @param scope {@code scope}, space-separated
 * @param state {@code state}, {@code null} if absent
 * @param codeChallenge {@code code_challenge}, {@code null} without PKCE
 * @param codeChallengeMethod {@code code_challenge_method}, {@code null} if absent
 * @param loginHint {@code login_hint}: the email to preselect
 */
record AuthorizeRequest(String clientId, String redirectUri, String responseType, String scope, String state,
		String codeChallenge, String codeChallengeMethod, String loginHint) {

	private static final List<String> NAMES = List.of("client_id", "redirect_uri", "response_type", "scope", "state",
			"code_challenge", "code_challenge_method", "login_hint");

	private static final Pattern CODE_CHALLENGE = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

	static AuthorizeRequest from(MultiValueMap<String, String> params) {
		for (String name : NAMES) {
			List<String> values = params.get(name);
			if (values != null && values.size() > 1) {
				throw new AuthorizeController.RequestRejectedException("The parameter " + name + " is repeated.");
			}
		}
		return new AuthorizeRequest(params.getFirst("client_id"), params.getFirst("redirect_uri"),
				params.getFirst("response_type"), params.getFirst("scope"), params.getFirst("state"),
				params.getFirst("code_challenge"), params.getFirst("code_challenge_method"),
				params.getFirst("login_hint"));
	}

	Set<String> scopes() {
		return Scopes.parse(this.scope);
	}

	/**
	 * The PKCE method in force: RFC 7636 defaults to {@code plain} when a challenge comes
	 * alone.
	 */
	String effectiveCodeChallengeMethod() {
		if (this.codeChallenge == null) {
			return null;
		}
		return (this.codeChallengeMethod != null) ? this.codeChallengeMethod : "plain";
	}

	/**
	 * The OAuth error to redirect with, if the request is malformed beyond its client and
	 * redirect URI.
	 * @return an RFC 6749 §4.1.2.1 error code, or {@code null} if the request is fine
	 */
	String protocolError() {
		if (!"code".equals(this.responseType)) {
			return "unsupported_response_type";
		}
		Set<String> scopes = scopes();
		if (scopes.isEmpty() || !Scopes.allKnown(scopes)) {
			return "invalid_scope";
		}
		if (this.codeChallengeMethod != null && this.codeChallenge == null) {
			return "invalid_request";
		}
		if (this.codeChallenge != null && (!CODE_CHALLENGE.matcher(this.codeChallenge).matches()
				|| !List.of("S256", "plain").contains(effectiveCodeChallengeMethod()))) {
			return "invalid_request";
		}
		return null;
	}

	/** The request's parameters to carry through the consent form. */
	Map<String, String> formFields() {
		Map<String, String> fields = new LinkedHashMap<>();
		putIfPresent(fields, "client_id", this.clientId);
		putIfPresent(fields, "redirect_uri", this.redirectUri);
		putIfPresent(fields, "response_type", this.responseType);
		putIfPresent(fields, "scope", this.scope);
		putIfPresent(fields, "state", this.state);
		putIfPresent(fields, "code_challenge", this.codeChallenge);
		putIfPresent(fields, "code_challenge_method", this.codeChallengeMethod);
		return fields;
	}

	private static void putIfPresent(Map<String, String> fields, String name, String value) {
		if (value != null) {
			fields.put(name, value);
		}
	}

}
