/**
 * Cross-cutting web concerns: configuration checks, errors, the demo banner, health.
 */
package com.example.webexoauth.system;
