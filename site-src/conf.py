"""Sphinx configuration of the course site (`make site`; tools/build_site.py stages the sources).

The notebooks are rendered from their stored outputs (never executed here), with
MyST-NB and sphinx-book-theme. Everything the pages load is copied into the site:
the theme's assets and MathJax (from the sphinx-mathjax-offline package), so the
site works from `python -m http.server` on a laptop with no internet.
"""

from __future__ import annotations

import os

project = "Cross-entropy from first principles"
author = "the course's authors"
copyright = "the course's authors; code MIT, data under the licences in helpers/data/README.md"

extensions = ["myst_nb", "sphinx-mathjax-offline"]

# Stored outputs only: the site shows exactly what the tested notebooks hold.
nb_execution_mode = "off"
nb_merge_streams = True
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_heading_anchors = 3
# MathJax 3 from the site itself (the package copies it to _static/mathjax).
mathjax_path = "mathjax/tex-chtml.js"

root_doc = "index"
exclude_patterns = ["_build", "**.ipynb_checkpoints"]
suppress_warnings = ["myst.header"]  # a notebook may skip a heading level after its title

html_theme = "sphinx_book_theme"
html_title = project
html_copy_source = True  # the download button's .ipynb
html_show_sourcelink = False
html_last_updated_fmt = None
html_theme_options = {
    "use_download_button": True,
    "use_repository_button": False,
    "use_fullscreen_button": False,
    "show_toc_level": 2,
    "home_page_in_toc": True,
}
# Binder needs the repository's GitHub address (COURSE_REPOSITORY_URL, set by
# tools/build_site.py from the git remote); without one, no button rather than a dead one.
if os.environ.get("COURSE_REPOSITORY_URL"):
    html_theme_options |= {
        "repository_url": os.environ["COURSE_REPOSITORY_URL"],
        "repository_branch": "HEAD",
        "path_to_docs": "",
        "launch_buttons": {
            "binderhub_url": "https://mybinder.org",
            "notebook_interface": "jupyterlab",
        },
    }
