/**
 * Signing in with Webex: security configuration, the OAuth callback and its errors,
 * logout.
 */
package com.example.webexoauth.login;
