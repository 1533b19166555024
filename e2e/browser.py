"""A real browser for the page tests: Debian's chromium, driven by selenium through
chromium-driver (scripts/test.sh installs both), headless. Screenshots go to ARTIFACTS,
$GATEHOUSE_E2E_ARTIFACTS (default .tmp/e2e-artifacts)."""
import os
import shutil
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from helpers import REPO_ROOT

ARTIFACTS = Path(os.environ.get("GATEHOUSE_E2E_ARTIFACTS", REPO_ROOT / ".tmp" / "e2e-artifacts"))


def start_browser():
    """A headless chromium; quit it when done."""
    binary, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not binary or not driver:
        pytest.fail("chromium and chromium-driver are needed (scripts/test.sh installs them: apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1024,900"]:
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(executable_path=driver), options=options)


def fill(browser, element_id, value):
    field = WebDriverWait(browser, 15).until(expected_conditions.visibility_of_element_located((By.ID, element_id)))
    field.clear()
    field.send_keys(value)
