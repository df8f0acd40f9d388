"""The Streamlit page's room: widgets, panels, tables, the trend chart and page scripts.

Only this package and ``streamlit_app.py`` import Streamlit; the work they show is done in
``geo`` (the domain) and ``layers`` (drawing and exports).
"""
