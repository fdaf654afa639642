package com.example.webex.simulator;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.IntStream;

import com.example.webex.simulator.AuthorizationCodes.Consent;
import com.example.webex.simulator.SimulatorStats.Counter;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The authorization endpoint: checks the request, shows a Webex-like consent page and
 * redirects back with a code or an error.
 */
@Controller
class AuthorizeController {

	private static final String CONSENT_VIEW = "simulator/consent";

	private static final String ERROR_VIEW = "simulator/authorize-error";

	private final SimulatorProperties properties;

	private final DemoDirectory directory;

	private final AuthorizationCodes codes;

	private final SimulatorStats stats;

	private final SimulatorSettings settings;

	private final RegisteredRedirectUris redirectUris;

	AuthorizeController(SimulatorProperties properties, DemoDirectory directory, AuthorizationCodes codes,
			SimulatorStats stats, SimulatorSettings settings, RegisteredRedirectUris redirectUris) {
		this.properties = properties;
		this.directory = directory;
		this.codes = codes;
		this.stats = stats;
		this.settings = settings;
		this.redirectUris = redirectUris;
	}

	@GetMapping("/v1/authorize")
	ModelAndView showConsent(@RequestParam MultiValueMap<String, String> params) {
		AuthorizeRequest request = AuthorizeRequest.from(params);
		String redirectUri = registeredRedirectUri(request);
		if (request.protocolError() != null) {
			return redirectWithError(redirectUri, request.protocolError(), request.state());
		}
		this.stats.increment(Counter.AUTHORIZE);
		List<Person> people = this.directory.people();
		int selected = (request.loginHint() != null) ? this.directory.indexOf(request.loginHint()).orElse(0) : 0;
		ModelAndView page = new ModelAndView(CONSENT_VIEW);
		page.addObject("clientName", this.properties.clientName());
		page.addObject("scopes",
				request.scopes().stream().map((scope) -> new ScopeView(scope, Scopes.describe(scope))).toList());
		page.addObject("people",
				IntStream.range(0, people.size())
					.mapToObj((i) -> new PersonView(people.get(i).displayName(), people.get(i).email(), i == selected))
					.toList());
		page.addObject("formFields", request.formFields());
		return page;
	}

	@PostMapping("/v1/authorize")
	ModelAndView decide(@RequestParam MultiValueMap<String, String> params) {
		AuthorizeRequest request = AuthorizeRequest.from(params);
		String redirectUri = registeredRedirectUri(request);
		if (request.protocolError() != null) {
			return redirectWithError(redirectUri, request.protocolError(), request.state());
		}
		String decision = params.getFirst("decision");
		if ("decline".equals(decision)) {
			this.stats.increment(Counter.AUTHORIZE_DECLINED);
			return redirectWithError(redirectUri, "access_denied", request.state());
		}
		if (!"accept".equals(decision)) {
			throw new RequestRejectedException("Choose Accept or Decline.");
		}
		String user = params.getFirst("user");
		OptionalInt person = (user != null) ? this.directory.indexOf(user) : OptionalInt.empty();
		if (person.isEmpty()) {
			throw new RequestRejectedException("Choose one of the demo users.");
		}
		String code = this.codes.issue(new Consent(request.clientId(), request.redirectUri(), person.getAsInt(),
				request.scopes(), request.codeChallenge(), request.effectiveCodeChallengeMethod()));
		this.stats.increment(Counter.AUTHORIZE_ACCEPTED);
		return redirect(UriComponentsBuilder.fromUriString(redirectUri)
			.queryParam("code", encode(code))
			.queryParamIfPresent("state", Optional.ofNullable(request.state()).map(AuthorizeController::encode)));
	}

	/**
	 * Rejects requests that must not redirect: an unknown client or an unregistered URI.
	 */
	private String registeredRedirectUri(AuthorizeRequest request) {
		if (!this.properties.clientId().equals(request.clientId())) {
			throw new RequestRejectedException("The client_id is missing or does not belong to any Integration.");
		}
		List<String> registered = this.redirectUris.list();
		if (request.redirectUri() == null) {
			if (registered.size() == 1) {
				return registered.get(0);
			}
			throw new RequestRejectedException("The redirect_uri is missing; this Integration has several.");
		}
		if (!registered.contains(request.redirectUri())) {
			throw new RequestRejectedException("The redirect_uri is not registered for this Integration.");
		}
		return request.redirectUri();
	}

	@ExceptionHandler
	ModelAndView rejected(RequestRejectedException ex) {
		this.stats.increment(Counter.ERRORS);
		ModelAndView page = new ModelAndView(ERROR_VIEW, HttpStatus.BAD_REQUEST);
		page.addObject("message", ex.getMessage());
		return page;
	}

	private ModelAndView redirectWithError(String redirectUri, String error, String state) {
		this.stats.increment(Counter.ERRORS);
		// real Webex may send an error back without the state (the errorsWithoutState
		// knob)
		String returnedState = this.settings.errorsWithoutState() ? null : state;
		return redirect(UriComponentsBuilder.fromUriString(redirectUri)
			.queryParam("error", error)
			.queryParamIfPresent("state", Optional.ofNullable(returnedState).map(AuthorizeController::encode)));
	}

	private static ModelAndView redirect(UriComponentsBuilder location) {
		// values are encoded already: build(true) keeps '+' and '&' inside a state intact
		RedirectView view = new RedirectView(location.build(true).toUriString()) {

			// Spring MVC's trace log prints the view, and the URL carries the code:
			// embedded in the app (demo mode), that log is the app's
			@Override
			public String toString() {
				return "RedirectView to the client's redirect URI";
			}

		};
		view.setStatusCode(HttpStatus.FOUND);
		view.setExpandUriTemplateVariables(false);
		view.setExposeModelAttributes(false);
		view.setPropagateQueryParams(false);
		return new ModelAndView(view);
	}

	private static String encode(String value) {
		return UriUtils.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * A scope as the consent page lists it.
	 *
	 * @param name the scope
	 * @param description what it allows, in plain words
	 */
	record ScopeView(String name, String description) {
	}

	/**
	 * A demo user to sign in as.
	 *
	 * @param displayName the name
	 * @param email the email, also the radio button's value
	 * @param selected whether preselected
	 */
	record PersonView(String displayName, String email, boolean selected) {
	}

	/** An authorization request that cannot be answered with a redirect. */
	static class RequestRejectedException extends RuntimeException {

		RequestRejectedException(String message) {
			super(message);
		}

	}

}
