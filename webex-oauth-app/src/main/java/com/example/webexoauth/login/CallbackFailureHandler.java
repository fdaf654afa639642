package com.example.webexoauth.login;

import com.example.webex.login.CallbackFailure;
import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.log.LogFormatUtils;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Shows a failed callback on its own page, forwarded so the status code reaches the
 * browser. Logs the error code only: the callback's query string carries the
 * authorization code.
 */
class CallbackFailureHandler implements AuthenticationFailureHandler {

	static final String FAILURE_ATTRIBUTE = CallbackFailureHandler.class.getName() + ".FAILURE";

	/** OAuth error codes are short; anything longer is not worth a log line's width. */
	static final int MAX_LOGGED_ERROR_LENGTH = 100;

	private static final Log logger = LogFactory.getLog(CallbackFailureHandler.class);

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, ServletException {
		CallbackFailure failure = CallbackFailure.of(exception, request);
		String code = (exception instanceof OAuth2AuthenticationException oauth) ? oauth.getError().getErrorCode()
				: exception.getClass().getSimpleName();
		// Anyone can send /oauth?error=...%0d%0a...: CR/LF and other control characters
		// are escaped, so the value cannot start a line that looks like one of ours.
		logger.info("Webex sign-in failed: outcome=" + failure + " error="
				+ LogFormatUtils.formatValue(code, MAX_LOGGED_ERROR_LENGTH, true));
		request.setAttribute(FAILURE_ATTRIBUTE, failure);
		request.getRequestDispatcher(LoginController.FAILED_PATH).forward(new WithoutQueryString(request), response);
	}

	/**
	 * The callback request as the failure page sees it: the page needs nothing from the
	 * query string, which carries the authorization code (DispatcherServlet's debug line
	 * would print it).
	 */
	private static final class WithoutQueryString extends HttpServletRequestWrapper {

		WithoutQueryString(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getQueryString() {
			return null;
		}

	}

}
