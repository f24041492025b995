"""Steps shared by the browser journeys."""

from tests.factories import PASSWORD


def login(page, email: str, code: str | None = None) -> None:
    """Sign in; `code` is the second factor (the authenticator app's code, or a recovery code) for staff."""
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    if code is not None:
        page.wait_for_url("**/2fa/authenticate/**")
        page.get_by_placeholder("Code").fill(code)
        page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/accounts/" not in url)  # signed in: a refused password or code stays there


def person_menu(page):
    """The header's person menu (notifications, reports, account, data, log out), opened."""
    menu = page.locator(".person-menu")
    if menu.get_attribute("open") is None:
        menu.locator("summary").click()
    return menu


def signed_in(page) -> bool:
    return page.locator(".person-menu").count() > 0


def logout(page) -> None:
    person_menu(page).get_by_role("button", name="Log out").click()
