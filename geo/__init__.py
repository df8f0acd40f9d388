"""Domain model of the joint-activity map: schema, catalog, views, filters, stats.

This package never imports folium or streamlit.
"""
