"""The web app in a real headless Chromium at phone size: the board, a drag to another stage, a card, search."""

import json
import shutil
from collections.abc import Iterator

import pytest
from sqlmodel import Session, select

from storage.models import AuditEntry, Deal, PipelineStage
from tests.web_harness import Web, web  # noqa: F401  (the fixture)

CHROMIUM, DRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
pytestmark = pytest.mark.skipif(not (shutil.which(CHROMIUM) and shutil.which(DRIVER)),
                                reason="chromium and chromium-driver from Debian (.ci/run installs them)")


@pytest.fixture
def browser() -> Iterator["webdriver.Chrome"]:  # type: ignore[name-defined]  # noqa: F821
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=412,915",
                 "--disable-gpu"):
        options.add_argument(flag)
    options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": 412, "height": 915,
                                                                          "pixelRatio": 2.6}})
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


def stage_of(web: Web, deal_id: int) -> str:
    with Session(web.crm.db.engine) as session:
        deal = session.get(Deal, deal_id)
        return session.get(PipelineStage, deal.stage_id).key  # type: ignore[union-attr]


def test_drag_a_deal_to_another_stage_open_a_card_and_search(web: Web, browser) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    web.chat.say("/add Anna Schulz, Acme GmbH, anna@acme.de")
    web.chat.say("/deal Acme rollout #1 12k EUR proposal")
    web.chat.say("/add Jörg Müller, Globex")
    browser.get(web.sign_in_link())
    card = browser.find_element(By.CSS_SELECTOR, '.card[data-deal="1"]')
    assert "12,000 EUR" in card.text and "Anna Schulz" in card.text
    grip = card.find_element(By.CSS_SELECTOR, ".grip")
    chip = browser.find_element(By.CSS_SELECTOR, '.chip[data-stage="negotiation"]')
    ActionChains(browser).click_and_hold(grip).move_by_offset(5, 5).move_to_element(chip).release().perform()
    WebDriverWait(browser, 5).until(lambda b: b.find_element(By.TAG_NAME, "body").get_attribute("data-moved"))
    assert browser.find_element(By.TAG_NAME, "body").get_attribute("data-moved") == "1:negotiation"
    assert stage_of(web, 1) == "negotiation"
    with Session(web.crm.db.engine) as session:
        changes = session.exec(select(AuditEntry).where(AuditEntry.entity == "deal", AuditEntry.action == "update")).all()
    assert len(changes) == 1 and json.loads(changes[0].after)["stage_id"] == 4  # type: ignore[arg-type]
    column = browser.find_element(By.CSS_SELECTOR, '.column[data-stage="negotiation"]')
    assert "Acme rollout" in column.text
    card = browser.find_element(By.CSS_SELECTOR, '.card[data-deal="1"] a.title')
    card.click()
    WebDriverWait(browser, 5).until(lambda b: "/card/deal/1" in b.current_url)
    assert "Negotiation" in browser.find_element(By.CSS_SELECTOR, ".record").text
    search = browser.find_element(By.ID, "search")
    search.send_keys("muell")
    hit = WebDriverWait(browser, 5).until(lambda b: b.find_element(By.CSS_SELECTOR, "#results a"))
    assert hit.text == "Jörg Müller"
    hit.click()
    WebDriverWait(browser, 5).until(lambda b: "/card/contact/2" in b.current_url)
    assert "Globex" in browser.find_element(By.CSS_SELECTOR, ".record").text
