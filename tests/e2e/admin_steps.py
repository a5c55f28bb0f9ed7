"""Steps the browser walks take in the real Wagtail admin, as the demo users."""

PASSWORD = "kepu-demo-2026"  # the demo's printed password  # noqa: S105


def log_in(browser, base, username):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.problems = []
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    return page


def header_action(page, base, work, label):
    page.goto(f"{base}/admin/pages/{work.pk}/edit/")
    page.wait_for_load_state("networkidle")
    page.locator("header [data-w-dropdown-target='toggle']").first.click()
    page.locator(f"a:has-text('{label}')").first.click()
    page.wait_for_load_state("networkidle")


def settle_autosave(page):
    """Let the editor's first autosave land before acting. Draftail rewrites the body as it loads
    (block keys), so Wagtail autosaves a revision about 0.5 s later; a workflow action sent while
    that request is in flight races it, and the autosave, checked against the stage before the
    action, lands as a new revision after it (docs/review.md, "Known limits")."""
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1500)
    page.wait_for_load_state("networkidle")


def submit_main_form(page, label):
    with page.expect_navigation():
        page.locator(f"main form button[type=submit]:has-text('{label}')").click()
    page.wait_for_load_state("networkidle")


def approve_editorial(editor, base, work):
    """初审: the editor ticks the checklist in Wagtail's own workflow modal and approves."""
    editor.goto(f"{base}/admin/pages/{work.pk}/edit/")
    settle_autosave(editor)
    editor.locator("footer [data-w-dropdown-target='toggle']").last.click()
    editor.locator("button[data-workflow-action-name='approve']").click()
    editor.wait_for_selector("#id_complete")
    for name in ("complete", "original", "form_ok", "compliant"):
        editor.check(f"#id_{name}")
    editor.fill("#id_comment", "稿件完整,原创,形式规范。")
    with editor.expect_navigation():
        editor.locator(".modal button[type=submit]").first.click()
    editor.wait_for_load_state("networkidle")
