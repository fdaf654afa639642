# The Flask original (webexsamples/webex-flask-oauth-example) as its README describes it, for
# bench/run.sh to measure beside the Java app: the routes /, /oauth and /spaces, one GET /rooms
# per /spaces (refreshing once on a 401), the tokens in Flask's signed session cookie, Jinja
# templates, and Flask's development server as it ships (threaded). The one change: the Webex
# base URL comes from WEBEX_API_BASE_URL, so that it can call the benchmark's simulator. As
# the original's README says, fill in the credentials and the redirect URI below (bench/run.sh
# does, in a copy) and start it with: python3 oauth.py
import os

import requests
from flask import Flask, redirect, render_template, request, session

app = Flask(__name__)
app.secret_key = os.urandom(24)

webexAPI = os.environ.get("WEBEX_API_BASE_URL", "https://webexapis.com/v1")

clientID = "YOUR_CLIENT_ID_HERE"
secretID = "YOUR_CLIENT_SECRET_HERE"
redirectURI = "http://0.0.0.0:10060/oauth"
state = "1234abcd"


def authorize_url():
    return requests.Request("GET", webexAPI + "/authorize", params={
        "client_id": clientID,
        "response_type": "code",
        "redirect_uri": redirectURI,
        "scope": "spark:all",
        "state": state,
    }).prepare().url


def get_tokens(code):
    url = webexAPI + "/access_token"
    headers = {"accept": "application/json", "content-type": "application/x-www-form-urlencoded"}
    payload = {
        "grant_type": "authorization_code",
        "client_id": clientID,
        "client_secret": secretID,
        "code": code,
        "redirect_uri": redirectURI,
    }
    response = requests.post(url=url, data=payload, headers=headers)
    results = response.json()
    session["oauth_token"] = results["access_token"]
    session["refresh_token"] = results["refresh_token"]


def get_tokens_refresh():
    url = webexAPI + "/access_token"
    headers = {"accept": "application/json", "content-type": "application/x-www-form-urlencoded"}
    payload = {
        "grant_type": "refresh_token",
        "client_id": clientID,
        "client_secret": secretID,
        "refresh_token": session["refresh_token"],
    }
    response = requests.post(url=url, data=payload, headers=headers)
    results = response.json()
    session["oauth_token"] = results["access_token"]
    session["refresh_token"] = results["refresh_token"]


def api_call():
    accessToken = session["oauth_token"]
    url = webexAPI + "/rooms"
    headers = {
        "accept": "application/json",
        "Content-Type": "application/json",
        "Authorization": f"Bearer {accessToken}",
    }
    return requests.get(url=url, headers=headers)


@app.route("/")
def main_page():
    return render_template("index.html", authorize_url=authorize_url())


@app.route("/oauth")
def oauth():
    if request.args.get("state") != state or "code" not in request.args:
        return render_template("index.html", authorize_url=authorize_url())
    get_tokens(request.args["code"])
    return render_template("granted.html")


@app.route("/spaces", methods=["GET"])
def spaces():
    if "oauth_token" not in session:
        return redirect("/")
    response = api_call()
    if response.status_code == 401:
        get_tokens_refresh()
        response = api_call()
    rooms = response.json()["items"]
    space_titles = [room["title"] for room in rooms]
    return render_template("spaces.html", spaces=space_titles)


if __name__ == "__main__":
    app.run("0.0.0.0", port=10060, debug=False)
