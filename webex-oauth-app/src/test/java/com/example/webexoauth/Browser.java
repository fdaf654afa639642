package com.example.webexoauth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;

import org.htmlunit.BrowserVersion;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.WebResponse;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlRadioButtonInput;
import org.htmlunit.util.Cookie;

/**
 * A browser for tests (HtmlUnit, no JavaScript): its own cookie jar, real HTTP, redirects
 * followed across hosts like a user's browser follows them to Webex and back.
 */
public final class Browser implements AutoCloseable {

	private final WebClient client = new WebClient(BrowserVersion.CHROME);

	public Browser() {
		this.client.getOptions().setJavaScriptEnabled(false);
		this.client.getOptions().setCssEnabled(false);
		this.client.getOptions().setThrowExceptionOnFailingStatusCode(false);
		this.client.getOptions().setRedirectEnabled(true);
	}

	public Page get(String url) {
		try {
			return this.client.getPage(url);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public HtmlPage page(String url) {
		return (HtmlPage) get(url);
	}

	/** GETs without following redirects and returns the raw response. */
	public WebResponse getWithoutRedirect(String url) {
		this.client.getOptions().setRedirectEnabled(false);
		try {
			return get(url).getWebResponse();
		}
		finally {
			this.client.getOptions().setRedirectEnabled(true);
		}
	}

	/**
	 * Clicks GRANT on the landing page and arrives at the (simulated) Webex consent page.
	 */
	public HtmlPage openConsent(RunningApp app) {
		HtmlPage landing = page(app.url("/"));
		return click(landing.getHtmlElementById("grant"));
	}

	/** On the consent page: picks the demo user whose label mentions {@code who}. */
	public static void chooseUser(HtmlPage consent, String who) {
		for (DomNode node : consent.querySelectorAll("input[type=radio]")) {
			HtmlRadioButtonInput radio = (HtmlRadioButtonInput) node;
			DomElement label = consent.querySelector("label[for='" + radio.getId() + "']");
			String text = (label != null) ? label.getTextContent() : "";
			if (text.contains(who) || radio.getValueAttribute().contains(who)) {
				radio.setChecked(true);
				return;
			}
		}
		throw new IllegalStateException(
				"No demo user matching " + who + " on " + consent.getUrl() + ": " + consent.asNormalizedText());
	}

	/** Presses the consent page's button labelled {@code text} (Accept or Decline). */
	public static <P extends Page> P press(HtmlPage consent, String text) {
		for (DomNode node : consent.querySelectorAll("button")) {
			if (node.getTextContent().trim().equalsIgnoreCase(text)) {
				return click((HtmlElement) node);
			}
		}
		throw new IllegalStateException("No button " + text + " on the consent page");
	}

	/** The whole sign-in a user goes through; returns the page they land on. */
	public HtmlPage signIn(RunningApp app, String who) {
		HtmlPage consent = openConsent(app);
		chooseUser(consent, who);
		return press(consent, "Accept");
	}

	/**
	 * Signs in but stops at Webex's redirect back to the app, returning the callback URL
	 * (with code and state) without visiting it.
	 */
	public URI signInUntilCallback(RunningApp app, String who) {
		HtmlPage consent = openConsent(app);
		chooseUser(consent, who);
		this.client.getOptions().setRedirectEnabled(false);
		try {
			Page redirect = press(consent, "Accept");
			return URI.create(redirect.getWebResponse().getResponseHeaderValue("Location"));
		}
		finally {
			this.client.getOptions().setRedirectEnabled(true);
		}
	}

	/**
	 * Signs {@code who} in with a browser of its own and returns its session cookie
	 * value.
	 */
	public static String signedInSession(RunningApp app, String who) {
		try (Browser browser = new Browser()) {
			browser.signIn(app, who);
			return browser.cookie("SESSION");
		}
	}

	/** The value of a cookie this browser holds, or null. */
	public String cookie(String name) {
		Cookie cookie = this.client.getCookieManager().getCookie(name);
		return (cookie != null) ? cookie.getValue() : null;
	}

	public WebClient client() {
		return this.client;
	}

	@SuppressWarnings("unchecked")
	private static <P extends Page> P click(HtmlElement element) {
		try {
			return (P) element.click();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.client.close();
	}

}
