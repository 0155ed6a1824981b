"""Example data, labelled as such: demo accounts, actions, sheets and reports."""
